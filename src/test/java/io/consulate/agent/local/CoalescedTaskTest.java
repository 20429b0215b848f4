package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedTaskTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void requestsWhileOneIsQueuedShareItAndALaterRequestGetsALaterRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CoalescedTask task = new CoalescedTask(executor, () -> {
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<Void> first = task.request();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        // the first run is in progress (it may have read old state): these need a new run, and share it
        CompletableFuture<Void> second = task.request();
        CompletableFuture<Void> third = task.request();
        assertThat(second).isSameAs(third).isNotSameAs(first);
        release.countDown();
        CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(2);
        task.request().get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aFailedRunFailsItsRequestsAndTheNextRequestRunsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CoalescedTask task = new CoalescedTask(executor, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        CompletableFuture<Void> failed = task.request();
        assertThat(failed).failsWithin(5, TimeUnit.SECONDS);
        task.request().get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRejectedRunFailsAndDoesNotBlockLaterRequests() {
        executor.shutdown();
        CoalescedTask task = new CoalescedTask(executor, () -> { });
        assertThat(task.request()).isCompletedExceptionally();
        assertThat(task.request()).isCompletedExceptionally();
    }
}
