// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.consulate.agent.config.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script check the way Consul's {@code CheckMonitor} does: starts {@code Args} (or {@code <shell> -c
 * <script>}), captures stdout and stderr together into a ring of {@code check_output_max_size} bytes, and maps
 * the exit code: 0 passing, 1 warning, anything else critical. Output keeps the last bytes, prefixed with
 * {@code "Captured N of M bytes\n...\n"} when some were dropped.
 *
 * <p>At the timeout the whole process tree is killed and the result is critical with Consul's text
 * {@code "Timed out (30s) running check"} followed by a blank line and the output so far, if any. The run only
 * completes once the process is gone, so two instances of a script never run at once.
 *
 * <p>Runs on a virtual thread: waiting on the process and reading its pipe hold no platform thread.
 */
final class ScriptCheckRunner implements CheckRunner {

    private static final Duration READER_GRACE = Duration.ofSeconds(1);

    private final List<String> command;
    private final Executor blocking;
    private final int maxOutput;

    ScriptCheckRunner(CheckDefinition.Script def, Executor blocking, int maxOutput) {
        this(commandFor(def, System.getenv()), blocking, maxOutput);
    }

    ScriptCheckRunner(List<String> command, Executor blocking, int maxOutput) {
        this.command = List.copyOf(command);
        this.blocking = blocking;
        this.maxOutput = maxOutput;
    }

    /** {@code Args} when given, else {@code [shell, "-c", script]} with Consul's shell choice. */
    static List<String> commandFor(CheckDefinition.Script def, Map<String, String> env) {
        if (!def.args().isEmpty()) {
            return def.args();
        }
        String shell = def.shell();
        if (shell.isEmpty()) {
            shell = env.getOrDefault("SHELL", "");
        }
        if (shell.isEmpty()) {
            shell = "/bin/sh";
        }
        return List.of(shell, "-c", def.script());
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> execute(timeout), blocking);
    }

    private CheckResult execute(Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())) // Go gives children /dev/null
                    .start();
        } catch (IOException e) {
            return CheckResult.critical(startError(e));
        }
        OutputBuffer output = new OutputBuffer(maxOutput);
        Thread reader = Thread.ofVirtual().name("check-output").start(() -> drain(process.getInputStream(), output));
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                joinQuietly(reader);
                String msg = "Timed out (" + Durations.formatGo(timeout) + ") running check";
                String captured = output.textWithTruncationNote();
                return CheckResult.critical(captured.isEmpty() ? msg : msg + "\n\n" + captured);
            }
            joinQuietly(reader);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return CheckResult.critical("check interrupted");
        }
        String text = output.textWithTruncationNote();
        return switch (process.exitValue()) {
            case 0 -> CheckResult.passing(text);
            case 1 -> CheckResult.warning(text);
            default -> CheckResult.critical(text);
        };
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Kills the process and every descendant (Consul kills the process group). */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly); // children forked during the kill
    }

    private static void drain(InputStream in, OutputBuffer output) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                output.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the pipe closed under us (process killed): keep what was captured
        }
    }

    /** Waits briefly for the output reader; an orphaned grandchild holding the pipe must not hang the check. */
    private static void joinQuietly(Thread reader) throws InterruptedException {
        reader.join(READER_GRACE);
    }

    private static final java.util.regex.Pattern ERRNO = java.util.regex.Pattern.compile("error[=:] ?(\\d+)");

    /** The errno in the JDK's message ({@code "error=2, ..."} or, on newer JDKs, {@code "error: 2 (...)"}), or -1. */
    static int errno(String message) {
        java.util.regex.Matcher m = ERRNO.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Go's {@code os/exec} wording for a command that cannot be started. */
    private String startError(IOException e) {
        String program = command.get(0);
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (errno(msg) == 2) {
            return program.contains("/")
                    ? "fork/exec " + program + ": no such file or directory"
                    : "exec: \"" + program + "\": executable file not found in $PATH";
        }
        if (errno(msg) == 13) {
            return "fork/exec " + program + ": permission denied";
        }
        return msg;
    }
}
