// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A {@link CheckTimer} on virtual time, with a {@link Clock} that shows the same time: {@link #advance} runs due
 * tasks in order, moving the clock to each task's time. Used with a direct delivery executor, the scheduler becomes
 * fully deterministic.
 */
final class ManualTimer implements CheckTimer {

    private record Task(long due, long seq, FutureTask<Void> task) {
    }

    private final Instant epoch = Instant.parse("2030-01-01T00:00:00Z");
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due() != b.due() ? Long.compare(a.due(), b.due()) : Long.compare(a.seq(), b.seq()));
    private final List<Duration> requestedDelays = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public synchronized Future<?> schedule(Duration delay, Runnable task) {
        FutureTask<Void> f = new FutureTask<>(task, null);
        requestedDelays.add(delay);
        queue.add(new Task(now + Math.max(0, delay.toNanos()), seq++, f));
        return f;
    }

    /** Runs every task due within {@code d}, in time order, then sets the time to now + d. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due();
            }
            next.task().run();
        }
    }

    /** Virtual time since the timer was made. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Every delay ever requested, in order. */
    synchronized List<Duration> requestedDelays() {
        return List.copyOf(requestedDelays);
    }

    /** A clock showing the timer's virtual time. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return epoch.plus(elapsed());
            }
        };
    }
}
