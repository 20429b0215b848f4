// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.cli.AgentLockStores;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The mutex and semaphore recipes in Consul's key layout, against a real in-process agent through the real
 * HTTP store. One agent for the class; each test works under its own key prefix. Sessions get lock-delay 0
 * unless a test is about lock-delay.
 */
class MutexAndSemaphoreTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration TTL = Duration.ofSeconds(15);
    private static TestAgent agent;
    private static Http http;
    private static LockStore store;
    private String prefix;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        store = AgentLockStores.open(agent.httpAddress(), Duration.ZERO);
    }

    @AfterAll
    static void stop() throws Exception {
        AgentLockStores.close(store);
        agent.close();
    }

    @BeforeEach
    void prefix(TestInfo info) {
        prefix = "recipes/" + info.getTestMethod().orElseThrow().getName();
    }

    private Mutex mutex(String session) {
        return new Mutex(store, prefix, session, Duration.ofMillis(50), WAIT);
    }

    private Semaphore semaphore(String session, int limit) {
        return new Semaphore(store, prefix, session, limit, WAIT);
    }

    private static String session(String name) throws Exception {
        return store.createSession(name, TTL);
    }

    private static LockStore.Entry entry(String key) throws Exception {
        return store.get(key, 0, WAIT).value();
    }

    private static void put(String key, String value, long flags) throws Exception {
        assertThat(http.put("/v1/kv/" + key + "?flags=" + Long.toUnsignedString(flags), value).statusCode())
                .isEqualTo(200);
    }

    /** Invalidates a session through the real API, as an expiry or a failed check would. */
    private static void destroy(String session) throws Exception {
        assertThat(http.put("/v1/session/destroy/" + session, "").statusCode()).isEqualTo(200);
    }

    private static Instant soon() {
        return Instant.now().plusMillis(300);
    }

    @Test
    void mutexHoldsPrefixSlashLockWithConsulsFlagsAndSession() throws Exception {
        String a = session("a");
        assertThat(mutex(a).acquire(null)).isTrue();
        assertThat(entry(prefix + "/.lock").session()).isEqualTo(a);
        assertThat(entry(prefix + "/.lock").flags()).isEqualTo(0x2ddccbc058a50c18L);
    }

    @Test
    void secondContenderWaitsUntilTheHolderReleasesWithoutLockDelay() throws Exception {
        // Sessions with the server's default lock-delay (15 s): a voluntary release must not trigger it.
        LockStore consulLike = AgentLockStores.open(agent.httpAddress(), null);
        try {
            String a = consulLike.createSession("a", TTL);
            String b = consulLike.createSession("b", TTL);
            Mutex first = new Mutex(consulLike, prefix, a, Duration.ofMillis(50), WAIT);
            assertThat(first.acquire(null)).isTrue();
            assertThat(new Mutex(consulLike, prefix, b, Duration.ofMillis(50), WAIT).acquire(soon())).isFalse();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Mutex(consulLike, prefix, b, Duration.ofMillis(50), WAIT)
                            .acquire(Instant.now().plusSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.release();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(entry(prefix + "/.lock").session()).isEqualTo(b);
        } finally {
            AgentLockStores.close(consulLike);
        }
    }

    @Test
    void mutexWaitsOutTheLockDelayOfAnInvalidatedHolder() throws Exception {
        LockStore delayed = AgentLockStores.open(agent.httpAddress(), Duration.ofSeconds(1));
        try {
            String a = delayed.createSession("a", TTL);
            assertThat(new Mutex(delayed, prefix, a, Duration.ofMillis(50), WAIT).acquire(null)).isTrue();
            String b = session("b");
            Instant invalidated = Instant.now();
            destroy(a);
            assertThat(entry(prefix + "/.lock").session()).as("released by the invalidation").isEmpty();
            assertThat(mutex(b).acquire(Instant.now().plusSeconds(10))).isTrue();
            assertThat(Duration.between(invalidated, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(entry(prefix + "/.lock").session()).isEqualTo(b);
        } finally {
            AgentLockStores.close(delayed);
        }
    }

    @Test
    void awaitLossReturnsWhenTheSessionIsInvalidated() throws Exception {
        String a = session("a");
        Mutex m = mutex(a);
        assertThat(m.acquire(null)).isTrue();
        CompletableFuture<Void> lost = CompletableFuture.runAsync(() -> {
            try {
                m.awaitLoss(0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        put(prefix + "-unrelated", "", 0);
        assertThat(lost).isNotDone();
        destroy(a);
        lost.get(10, TimeUnit.SECONDS);
    }

    @Test
    void mutexRefusesAKeyWrittenBySomethingElse() throws Exception {
        put(prefix + "/.lock", "x", 7);
        String a = session("a");
        assertThatThrownBy(() -> mutex(a).acquire(null)).hasMessage("Existing key does not match lock use");
    }

    @Test
    void cleanupDeletesAFreeLockKeyOnly() throws Exception {
        String a = session("a");
        Mutex m = mutex(a);
        m.acquire(null);
        m.cleanup();
        assertThat(entry(prefix + "/.lock")).isNotNull();
        m.release();
        m.cleanup();
        assertThat(entry(prefix + "/.lock")).isNull();
    }

    @Test
    void semaphoreAdmitsLimitHoldersAndWritesConsulsLockDocument() throws Exception {
        String a = session("a");
        String b = session("b");
        String c = session("c");
        assertThat(semaphore(a, 2).acquire(null)).isTrue();
        assertThat(semaphore(b, 2).acquire(null)).isTrue();
        assertThat(semaphore(c, 2).acquire(soon())).isFalse();
        assertThat(entry(prefix + "/" + c)).as("a timed-out contender removes its key").isNull();
        var doc = new ObjectMapper().readTree(entry(prefix + "/.lock").value());
        assertThat(doc.get("Limit").asInt()).isEqualTo(2);
        assertThat(doc.get("Holders").properties()).hasSize(2);
        assertThat(entry(prefix + "/" + a).session()).isEqualTo(a);
        assertThat(entry(prefix + "/" + a).flags()).isEqualTo(Semaphore.FLAGS);
    }

    @Test
    void semaphoreSlotOfAnInvalidatedHolderIsReclaimed() throws Exception {
        String a = session("a");
        String b = session("b");
        assertThat(semaphore(a, 1).acquire(null)).isTrue();
        destroy(a); // a's contender key is released: its slot is dead
        assertThat(semaphore(b, 1).acquire(soon())).isTrue();
    }

    @Test
    void semaphoreAwaitLossReturnsWhenTheSessionIsInvalidated() throws Exception {
        String a = session("a");
        Semaphore s = semaphore(a, 2);
        assertThat(s.acquire(null)).isTrue();
        CompletableFuture<Void> lost = CompletableFuture.runAsync(() -> {
            try {
                s.awaitLoss(0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(semaphore(session("b"), 2).acquire(null)).as("another holder joining is no loss").isTrue();
        assertThat(lost).isNotDone();
        destroy(a); // releases a's contender key; .lock still lists a
        lost.get(10, TimeUnit.SECONDS);
    }

    @Test
    void semaphoreReleaseFreesTheSlotAndCleanupRemovesTheLockWhenUnused() throws Exception {
        String a = session("a");
        String b = session("b");
        Semaphore s = semaphore(a, 1);
        assertThat(s.acquire(null)).isTrue();
        s.release();
        assertThat(entry(prefix + "/" + a)).isNull();
        Semaphore t = semaphore(b, 1);
        assertThat(t.acquire(soon())).isTrue();
        t.release();
        t.cleanup();
        assertThat(entry(prefix + "/.lock")).isNull();
    }

    @Test
    void semaphoreRefusesADifferentLimitAndMalformedDocuments() throws Exception {
        String a = session("a");
        assertThat(semaphore(a, 2).acquire(null)).isTrue();
        String b = session("b");
        assertThatThrownBy(() -> semaphore(b, 3).acquire(null))
                .hasMessage("semaphore limit conflict (lock: 2, local: 3)");
        String[] hostile = {"not json", "{\"Limit\":\"x\"}", "[]", "{\"Limit\":1,\"Holders\":[1]}"};
        for (int i = 0; i < hostile.length; i++) {
            String p = prefix + "-hostile" + i;
            put(p + "/.lock", hostile[i], Semaphore.FLAGS);
            String s = session("s");
            assertThatThrownBy(() -> new Semaphore(store, p, s, 1, WAIT).acquire(null))
                    .as(hostile[i]).isInstanceOf(HeldLock.LockConflictException.class);
            assertThat(entry(p + "/" + s)).as("the refused contender removes its key").isNull();
        }
    }
}
