// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mutex and semaphore recipes in Consul's key layout, against an in-memory store. */
class MutexAndSemaphoreTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final InMemoryLockStore store = new InMemoryLockStore();

    private Mutex mutex(String session) {
        return new Mutex(store, "svc/leader", session, Duration.ofMillis(50), WAIT);
    }

    private Semaphore semaphore(String session, int limit) {
        return new Semaphore(store, "svc/pool", session, limit, WAIT);
    }

    private static Instant soon() {
        return Instant.now().plusMillis(300);
    }

    @Test
    void mutexHoldsPrefixSlashLockWithConsulsFlagsAndSession() throws Exception {
        String a = store.createSession("a", WAIT);
        assertThat(mutex(a).acquire(null)).isTrue();
        assertThat(store.entry("svc/leader/.lock").session()).isEqualTo(a);
        assertThat(store.entry("svc/leader/.lock").flags()).isEqualTo(0x2ddccbc058a50c18L);
    }

    @Test
    void secondContenderWaitsUntilTheHolderReleases() throws Exception {
        String a = store.createSession("a", WAIT);
        String b = store.createSession("b", WAIT);
        Mutex first = mutex(a);
        assertThat(first.acquire(null)).isTrue();
        assertThat(mutex(b).acquire(soon())).isFalse();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return mutex(b).acquire(Instant.now().plusSeconds(10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.release();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.entry("svc/leader/.lock").session()).isEqualTo(b);
    }

    @Test
    void awaitLossReturnsWhenTheSessionIsInvalidated() throws Exception {
        String a = store.createSession("a", WAIT);
        Mutex m = mutex(a);
        assertThat(m.acquire(null)).isTrue();
        CompletableFuture<Void> lost = CompletableFuture.runAsync(() -> {
            try {
                m.awaitLoss(0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        store.put("unrelated", new byte[0], 0);
        assertThat(lost).isNotDone();
        store.invalidate(a);
        lost.get(10, TimeUnit.SECONDS);
    }

    @Test
    void mutexRefusesAKeyWrittenBySomethingElse() throws Exception {
        store.put("svc/leader/.lock", "x".getBytes(StandardCharsets.UTF_8), 7);
        String a = store.createSession("a", WAIT);
        assertThatThrownBy(() -> mutex(a).acquire(null)).hasMessage("Existing key does not match lock use");
    }

    @Test
    void cleanupDeletesAFreeLockKeyOnly() throws Exception {
        String a = store.createSession("a", WAIT);
        Mutex m = mutex(a);
        m.acquire(null);
        m.cleanup();
        assertThat(store.entry("svc/leader/.lock")).isNotNull();
        m.release();
        m.cleanup();
        assertThat(store.entry("svc/leader/.lock")).isNull();
    }

    @Test
    void semaphoreAdmitsLimitHoldersAndWritesConsulsLockDocument() throws Exception {
        String a = store.createSession("a", WAIT);
        String b = store.createSession("b", WAIT);
        String c = store.createSession("c", WAIT);
        assertThat(semaphore(a, 2).acquire(null)).isTrue();
        assertThat(semaphore(b, 2).acquire(null)).isTrue();
        assertThat(semaphore(c, 2).acquire(soon())).isFalse();
        assertThat(store.entry("svc/pool/" + c)).as("a timed-out contender removes its key").isNull();
        var doc = new ObjectMapper().readTree(store.entry("svc/pool/.lock").value());
        assertThat(doc.get("Limit").asInt()).isEqualTo(2);
        assertThat(doc.get("Holders").properties()).hasSize(2);
        assertThat(store.entry("svc/pool/" + a).session()).isEqualTo(a);
    }

    @Test
    void semaphoreSlotOfAnInvalidatedHolderIsReclaimed() throws Exception {
        String a = store.createSession("a", WAIT);
        String b = store.createSession("b", WAIT);
        assertThat(semaphore(a, 1).acquire(null)).isTrue();
        store.invalidate(a); // a's contender key is released: its slot is dead
        assertThat(semaphore(b, 1).acquire(soon())).isTrue();
    }

    @Test
    void semaphoreReleaseFreesTheSlotAndCleanupRemovesTheLockWhenUnused() throws Exception {
        String a = store.createSession("a", WAIT);
        String b = store.createSession("b", WAIT);
        Semaphore s = semaphore(a, 1);
        assertThat(s.acquire(null)).isTrue();
        s.release();
        assertThat(store.entry("svc/pool/" + a)).isNull();
        Semaphore t = semaphore(b, 1);
        assertThat(t.acquire(soon())).isTrue();
        t.release();
        t.cleanup();
        assertThat(store.entry("svc/pool/.lock")).isNull();
    }

    @Test
    void semaphoreRefusesADifferentLimitAndMalformedDocuments() throws Exception {
        String a = store.createSession("a", WAIT);
        assertThat(semaphore(a, 2).acquire(null)).isTrue();
        String b = store.createSession("b", WAIT);
        assertThatThrownBy(() -> semaphore(b, 3).acquire(null))
                .hasMessage("semaphore limit conflict (lock: 2, local: 3)");
        InMemoryLockStore other = new InMemoryLockStore();
        for (String hostile : new String[] {"not json", "{\"Limit\":\"x\"}", "[]", "{\"Limit\":1,\"Holders\":[1]}"}) {
            other.put("p/.lock", hostile.getBytes(StandardCharsets.UTF_8), Semaphore.FLAGS);
            String s = other.createSession("s", WAIT);
            assertThatThrownBy(() -> new Semaphore(other, "p", s, 1, WAIT).acquire(null))
                    .as(hostile).isInstanceOf(HeldLock.LockConflictException.class);
        }
    }
}
