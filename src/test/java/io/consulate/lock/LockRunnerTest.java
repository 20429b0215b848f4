// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.cli.AgentLockStores;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consulate lock}'s supervision of a real child process, against a real in-process agent through the
 * real HTTP store. One agent for the class; each test uses its own key prefix and session name.
 */
class LockRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;
    private static LockStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
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
        prefix = "jobs/" + info.getTestMethod().orElseThrow().getName();
    }

    private int run(int limit, Duration timeout, boolean childExitCode, String script, byte[] stdin)
            throws InterruptedException {
        LockRunner.Options o = new LockRunner.Options(prefix, limit, prefix, Duration.ofSeconds(10),
                timeout, 0, childExitCode, Duration.ofMillis(50), Duration.ofSeconds(5));
        return new LockRunner(store, o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new ProcessBuilder("/bin/sh", "-c", script), stdin == null ? null : new ByteArrayInputStream(stdin));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** IDs of the live sessions named {@code name}, from {@code /v1/session/list}. */
    private static List<String> sessionsNamed(String name) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : JSON.readTree(http.get("/v1/session/list").body())) {
            if (s.path("Name").asText().equals(name)) {
                ids.add(s.path("ID").asText());
            }
        }
        return ids;
    }

    /** Every key under {@code prefix}, from {@code /v1/kv?keys}; empty when there are none. */
    private List<String> keysUnderPrefix() throws Exception {
        var r = http.get("/v1/kv/" + prefix + "?keys");
        if (r.statusCode() == 404) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        JSON.readTree(r.body()).forEach(k -> keys.add(k.asText()));
        return keys;
    }

    @Test
    void childRunsWhileHoldingAndEverythingIsCleanedUpAfter() throws Exception {
        assertThat(run(1, Duration.ZERO, false, "echo held", null)).isZero();
        assertThat(out()).isEqualTo("held\n");
        assertThat(keysUnderPrefix()).isEmpty();
        assertThat(sessionsNamed(prefix)).isEmpty();
    }

    @Test
    void childFailureExits2OnlyWithChildExitCode() throws Exception {
        assertThat(run(1, Duration.ZERO, false, "exit 3", null)).isZero();
        assertThat(run(1, Duration.ZERO, true, "exit 3", null)).isEqualTo(2);
        assertThat(run(1, Duration.ZERO, true, "exit 0", null)).isZero();
    }

    @Test
    void stdinIsPassedWhenAsked() throws Exception {
        assertThat(run(1, Duration.ZERO, false, "cat", "piped".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThat(out()).isEqualTo("piped");
    }

    @Test
    void timeoutWhileAnotherHolderHasTheLockExits1AndLeavesNoSession() throws Exception {
        String other = store.createSession("other", Duration.ofSeconds(15));
        assertThat(store.acquire(prefix + "/.lock", new byte[0], Mutex.FLAGS, other)).isTrue();
        assertThat(run(1, Duration.ofMillis(200), false, "echo never", null)).isEqualTo(1);
        assertThat(err()).isEqualTo("Shutdown triggered or timeout during lock acquisition\n");
        assertThat(out()).isEmpty();
        assertThat(sessionsNamed(prefix)).isEmpty();
        assertThat(store.get(prefix + "/.lock", 0, Duration.ofSeconds(1)).value().session()).isEqualTo(other);
        store.destroySession(other);
    }

    @Test
    void losingTheLockTerminatesTheChild(@TempDir Path dir) throws Exception {
        losingTheLockTerminatesTheChild(1, dir);
    }

    @Test
    void losingASemaphoreSlotTerminatesTheChild(@TempDir Path dir) throws Exception {
        losingTheLockTerminatesTheChild(2, dir);
    }

    private void losingTheLockTerminatesTheChild(int limit, Path dir) throws Exception {
        Path started = dir.resolve("started");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
            try {
                return run(limit, Duration.ZERO, true, "touch " + started + "; exec sleep 60", null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
        List<String> held = sessionsNamed(prefix);
        assertThat(held).hasSize(1);
        assertThat(http.put("/v1/session/destroy/" + held.get(0), "").statusCode()).isEqualTo(200);
        assertThat(code.get(20, TimeUnit.SECONDS)).isEqualTo(2); // killed by a signal: a failed child
        assertThat(err()).isEqualTo("Lock lost, killing child\n");
    }

    @Test
    void semaphoreModeRunsTheChildHoldingASlot() throws Exception {
        assertThat(run(3, Duration.ZERO, false, "echo slot", null)).isZero();
        assertThat(out()).isEqualTo("slot\n");
        assertThat(keysUnderPrefix()).isEmpty();
        assertThat(sessionsNamed(prefix)).isEmpty();
    }
}
