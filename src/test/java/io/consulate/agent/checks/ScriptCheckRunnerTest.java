// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script checks running real processes through /bin/sh. */
class ScriptCheckRunnerTest {

    private static final ExecutorService BLOCKING = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void stop() {
        BLOCKING.shutdownNow();
    }

    private static CheckResult run(String script, Duration timeout, int maxOutput) throws Exception {
        return new ScriptCheckRunner(List.of("/bin/sh", "-c", script), BLOCKING, maxOutput)
                .run(timeout).get(30, TimeUnit.SECONDS);
    }

    private static CheckResult run(String script) throws Exception {
        return run(script, Duration.ofSeconds(10), 4096);
    }

    @Test
    void exitZeroIsPassingWithItsOutput() throws Exception {
        assertThat(run("echo all good")).isEqualTo(CheckResult.passing("all good\n"));
    }

    @Test
    void exitOneIsWarning() throws Exception {
        assertThat(run("echo degraded; exit 1")).isEqualTo(CheckResult.warning("degraded\n"));
    }

    @Test
    void anyOtherExitCodeIsCritical() throws Exception {
        assertThat(run("echo broken; exit 2")).isEqualTo(CheckResult.critical("broken\n"));
        assertThat(run("exit 127").status()).isEqualTo(CheckResult.CRITICAL);
    }

    @Test
    void stdoutAndStderrAreCapturedTogether() throws Exception {
        assertThat(run("echo out; echo err >&2").output()).isEqualTo("out\nerr\n");
    }

    @Test
    void outputBeyondTheCapKeepsTheLastBytesWithConsulsNote() throws Exception {
        CheckResult result = run("head -c 5000 /dev/zero | tr '\\0' a; printf END", Duration.ofSeconds(10), 4096);

        assertThat(result.status()).isEqualTo(CheckResult.PASSING);
        assertThat(result.output()).startsWith("Captured 4096 of 5003 bytes\n...\n").endsWith("aEND");
        assertThat(result.output().length()).isEqualTo("Captured 4096 of 5003 bytes\n...\n".length() + 4096);
    }

    @Test
    void aScriptThatOutlivesItsTimeoutIsKilledWithItsChildren(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();

        CheckResult result = run("sleep 60 & echo $! > " + pidFile + "; echo started; wait",
                Duration.ofMillis(500), 4096);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result).isEqualTo(CheckResult.critical("Timed out (500ms) running check\n\nstarted\n"));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(isRunning(child)).as("the script's child was killed too").isFalse();
    }

    /** Alive and not a zombie (an orphan re-parented to a PID 1 that does not reap stays a zombie). */
    private static boolean isRunning(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String text = Files.readString(stat);
        String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
        return !state.equals("Z") && !state.equals("X");
    }

    @Test
    void aMissingProgramIsCriticalWithGosText() throws Exception {
        CheckResult result = new ScriptCheckRunner(List.of("/nonexistent/check"), BLOCKING, 4096)
                .run(Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(
                CheckResult.critical("fork/exec /nonexistent/check: no such file or directory"));
    }

    @Test
    void theLegacyScriptFieldRunsThroughTheShell() {
        CheckCommon common = new CheckCommon("s", "s", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);

        assertThat(ScriptCheckRunner.commandFor(new CheckDefinition.Script(common, List.of(), "", "exit 0"),
                java.util.Map.of())).containsExactly("/bin/sh", "-c", "exit 0");
        assertThat(ScriptCheckRunner.commandFor(new CheckDefinition.Script(common, List.of(), "", "exit 0"),
                java.util.Map.of("SHELL", "/bin/bash"))).containsExactly("/bin/bash", "-c", "exit 0");
        assertThat(ScriptCheckRunner.commandFor(new CheckDefinition.Script(common, List.of("a", "b"), "", "x"),
                java.util.Map.of())).containsExactly("a", "b");
    }
}
