// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consulate lock}'s supervision of a real child process, over the in-memory store. */
class LockRunnerTest {
    private final InMemoryLockStore store = new InMemoryLockStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(int limit, Duration timeout, boolean childExitCode, String script, byte[] stdin)
            throws InterruptedException {
        LockRunner.Options o = new LockRunner.Options("jobs/nightly", limit, "test", Duration.ofSeconds(10),
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

    @Test
    void childRunsWhileHoldingAndEverythingIsCleanedUpAfter() throws Exception {
        assertThat(run(1, Duration.ZERO, false, "echo held", null)).isZero();
        assertThat(out()).isEqualTo("held\n");
        assertThat(store.entry("jobs/nightly/.lock")).isNull();
        assertThat(store.sessions()).isEmpty();
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
        String other = store.createSession("other", Duration.ofSeconds(10));
        assertThat(store.acquire("jobs/nightly/.lock", new byte[0], Mutex.FLAGS, other)).isTrue();
        assertThat(run(1, Duration.ofMillis(200), false, "echo never", null)).isEqualTo(1);
        assertThat(err()).isEqualTo("Shutdown triggered or timeout during lock acquisition\n");
        assertThat(out()).isEmpty();
        assertThat(store.sessions()).containsExactly(other);
    }

    @Test
    void losingTheLockTerminatesTheChild(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
            try {
                return run(1, Duration.ZERO, true, "touch " + started + "; exec sleep 60", null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
        store.invalidate(store.sessions().iterator().next());
        assertThat(code.get(20, TimeUnit.SECONDS)).isEqualTo(2); // killed by a signal: a failed child
        assertThat(err()).isEqualTo("Lock lost, killing child\n");
    }

    @Test
    void semaphoreModeRunsTheChildHoldingASlot() throws Exception {
        assertThat(run(3, Duration.ZERO, false, "echo slot", null)).isZero();
        assertThat(out()).isEqualTo("slot\n");
        assertThat(store.entry("jobs/nightly/.lock")).isNull();
    }
}
