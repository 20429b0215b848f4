// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.lock.LockStore;
import io.consulate.lock.Semaphore;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consulate lock} end to end against a real in-process agent, with the production session settings
 * (TTL 15 s, the server's default lock-delay). Children wait on a gate file the test creates, so contention is
 * observed at a known point instead of by timing. One agent for the class; each test has its own prefix.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockAgainstAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static TestAgent agent;
    private static Http http;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private String prefix;
    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    @BeforeEach
    void prefix(TestInfo info) {
        prefix = "cli-lock/" + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void openGateAndStop() throws Exception {
        Files.writeString(gate(), ""); // lets any child still waiting finish
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private Path log() {
        return dir.resolve("log");
    }

    private Path gate() {
        return dir.resolve("gate");
    }

    /** A child that logs {@code start ID}, waits for the gate, then logs {@code end ID}. */
    private String gatedChild(String id) {
        return "echo start " + id + " >> " + log() + "; while [ ! -f " + gate() + " ]; do sleep 0.05; done; echo end "
                + id + " >> " + log();
    }

    private Future<CliRun> lock(String... flagsThenPrefixAndChild) {
        String[] args = new String[flagsThenPrefixAndChild.length + 1];
        args[0] = "lock";
        System.arraycopy(flagsThenPrefixAndChild, 0, args, 1, flagsThenPrefixAndChild.length);
        return pool.submit(() -> CliRun.against(agent.httpAddress(), args));
    }

    private List<String> logLines() throws Exception {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    /** IDs of the live sessions named {@code name}. */
    private static List<String> sessionsNamed(String name) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : JSON.readTree(http.get("/v1/session/list").body())) {
            if (s.path("Name").asText().equals(name)) {
                ids.add(s.path("ID").asText());
            }
        }
        return ids;
    }

    /** The most holders at once in a log of start/end lines, checking every start has its end after it. */
    private static int mostAtOnce(List<String> lines) {
        List<String> holding = new ArrayList<>();
        int most = 0;
        for (String line : lines) {
            String[] w = line.split(" ");
            if (w[0].equals("start")) {
                holding.add(w[1]);
                most = Math.max(most, holding.size());
            } else {
                assertThat(holding.remove(w[1])).as("end %s after its start", w[1]).isTrue();
            }
        }
        assertThat(holding).as("every child ended").isEmpty();
        return most;
    }

    @Test
    void mutexChildrenNeverOverlap() throws Exception {
        Future<CliRun> a = lock("-name=mutex-a", prefix, gatedChild("a"));
        Future<CliRun> b = lock("-name=mutex-b", prefix, gatedChild("b"));
        // One child runs; the other contender has its session and waits on the held key.
        await().atMost(AWAIT).until(() -> logLines().size() == 1
                && sessionsNamed("mutex-a").size() == 1 && sessionsNamed("mutex-b").size() == 1);
        String first = logLines().get(0);
        String holderSession = sessionsNamed("mutex-" + first.substring("start ".length())).get(0);
        JsonNode key = JSON.readTree(http.get("/v1/kv/" + prefix + "/.lock").body()).get(0);
        assertThat(key.path("Session").asText()).isEqualTo(holderSession);
        assertThat(logLines()).containsExactly(first);

        Files.writeString(gate(), "");
        assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(new CliRun(0, "", ""));
        assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(new CliRun(0, "", ""));
        List<String> lines = logLines();
        assertThat(lines).hasSize(4);
        assertThat(mostAtOnce(lines)).isEqualTo(1);
        assertThat(lines.get(1)).isEqualTo(first.replace("start", "end"));
    }

    @Test
    void semaphoreOfTwoAdmitsAtMostTwoOfThree() throws Exception {
        List<Future<CliRun>> runs = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            runs.add(lock("-n=2", "-name=sem-" + id, prefix, gatedChild(id)));
        }
        await().atMost(AWAIT).until(() -> logLines().size() == 2 && sessionsNamed("sem-a").size()
                + sessionsNamed("sem-b").size() + sessionsNamed("sem-c").size() == 3);
        // The third contender has its session and its contender key, but no slot.
        JsonNode doc = JSON.readTree(http.get("/v1/kv/" + prefix + "/.lock?raw").body());
        assertThat(doc.get("Limit").asInt()).isEqualTo(2);
        assertThat(doc.get("Holders").properties()).hasSize(2);
        assertThat(logLines()).hasSize(2);

        Files.writeString(gate(), "");
        for (Future<CliRun> run : runs) {
            assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(new CliRun(0, "", ""));
        }
        List<String> lines = logLines();
        assertThat(lines).hasSize(6);
        assertThat(mostAtOnce(lines)).isEqualTo(2);
    }

    @Test
    void theLockIsHeldWhileTheChildRunsAndReleasedWithItsSessionAfter() throws Exception {
        Future<CliRun> run = lock("-name=held", prefix, gatedChild("a"));
        await().atMost(AWAIT).until(() -> logLines().size() == 1);
        List<String> sessions = sessionsNamed("held");
        assertThat(sessions).hasSize(1);
        JsonNode session = JSON.readTree(http.get("/v1/session/info/" + sessions.get(0)).body()).get(0);
        assertThat(session.path("TTL").asText()).isEqualTo("15s");
        assertThat(session.path("Behavior").asText()).isEqualTo("release");
        assertThat(session.path("LockDelay").asLong()).as("the server's default, as consul lock")
                .isEqualTo(Duration.ofSeconds(15).toNanos());
        JsonNode key = JSON.readTree(http.get("/v1/kv/" + prefix + "/.lock").body()).get(0);
        assertThat(key.path("Session").asText()).isEqualTo(sessions.get(0));

        Files.writeString(gate(), "");
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(new CliRun(0, "", ""));
        assertThat(http.get("/v1/kv/" + prefix + "?recurse").statusCode()).as("lock key removed").isEqualTo(404);
        assertThat(sessionsNamed("held")).as("session destroyed").isEmpty();
        assertThat(http.get("/v1/session/info/" + sessions.get(0)).body()).isEqualTo("[]");
    }

    @Test
    void semaphoreKeysAndSessionAreRemovedAfterTheChildExits() throws Exception {
        assertThat(CliRun.against(agent.httpAddress(), "lock", "-n=3", "-name=sem-clean", prefix, "echo ran"))
                .isEqualTo(new CliRun(0, "ran\n", ""));
        assertThat(http.get("/v1/kv/" + prefix + "?recurse").statusCode()).isEqualTo(404);
        assertThat(sessionsNamed("sem-clean")).isEmpty();
    }

    @Test
    void childExitCodePropagatesOnlyWithChildExitCode() {
        String addr = agent.httpAddress();
        assertThat(CliRun.against(addr, "lock", "-child-exit-code", prefix, "exit 3").exit()).isEqualTo(2);
        assertThat(CliRun.against(addr, "lock", prefix, "exit 3").exit()).isZero();
        assertThat(CliRun.against(addr, "lock", "-child-exit-code", prefix, "exit 0").exit()).isZero();
        assertThat(CliRun.against(addr, "lock", "-child-exit-code", "-shell=false", prefix, "false").exit())
                .isEqualTo(2);
    }

    @Test
    void aTimedOutContenderExits1AndLeavesTheHolderAlone() throws Exception {
        Future<CliRun> holder = lock("-name=timeout-holder", prefix, gatedChild("a"));
        await().atMost(AWAIT).until(() -> logLines().size() == 1);
        CliRun late = CliRun.against(agent.httpAddress(), "lock", "-timeout=300ms", "-name=timeout-late", prefix,
                "echo never");
        assertThat(late).isEqualTo(new CliRun(1, "", "Shutdown triggered or timeout during lock acquisition\n"));
        assertThat(sessionsNamed("timeout-late")).isEmpty();
        JsonNode key = JSON.readTree(http.get("/v1/kv/" + prefix + "/.lock").body()).get(0);
        assertThat(key.path("Session").asText()).isEqualTo(sessionsNamed("timeout-holder").get(0));
        Files.writeString(gate(), "");
        assertThat(holder.get(30, TimeUnit.SECONDS).exit()).isZero();
    }

    // The store's reads and session calls against the real server (request shapes: LockCommandTest).

    @Test
    void storeRenewsKnownSessionsOnlyAndDestroyIsIdempotent() throws Exception {
        try (HttpLockStore store = store()) {
            String id = store.createSession("store-renew", Duration.ofSeconds(15));
            assertThat(store.renewSession(id)).isTrue();
            store.destroySession(id);
            store.destroySession(id);
            assertThat(store.renewSession(id)).isFalse();
            assertThat(store.renewSession("00000000-0000-0000-0000-000000000000")).isFalse();
        }
    }

    @Test
    void storeReadsUint64FlagsAndTreatsAMissingKeyAsAbsent() throws Exception {
        try (HttpLockStore store = store()) {
            String id = store.createSession("store-read", Duration.ofSeconds(15));
            assertThat(store.acquire(prefix + "/s", "x".getBytes(StandardCharsets.UTF_8), Semaphore.FLAGS, id))
                    .isTrue();
            LockStore.Entry e = store.get(prefix + "/s", 0, Duration.ofSeconds(1)).value();
            assertThat(e.flags()).isEqualTo(Semaphore.FLAGS);
            assertThat(e.session()).isEqualTo(id);
            assertThat(e.value()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
            assertThat(store.get(prefix + "/gone", 0, Duration.ofSeconds(1)).value()).isNull();
            assertThat(store.list(prefix + "/none/", 0, Duration.ofSeconds(1)).value()).isEmpty();
            store.destroySession(id);
        }
    }

    private static HttpLockStore store() throws ApiException {
        return new HttpLockStore(new ApiTarget(ApiTarget.baseUri(agent.httpAddress(), false), "", "", false, ""));
    }
}
