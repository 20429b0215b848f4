// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a program for each change, as Consul's script handlers do: the change as JSON on stdin (Go's compact
 * encoding and a newline), {@code CONSUL_INDEX} set to its index, and its combined stdout and stderr (at most
 * {@link #MAX_OUTPUT} bytes kept) handed to {@code output} once it exits. A non-zero exit is a failure worded
 * like Go's ({@code exit status 2}). An interrupt kills the program.
 */
public final class ScriptHandler implements WatchHandler {
    /** Output beyond this is read and dropped, so a chatty script cannot exhaust memory. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private final List<String> command;
    private final Map<String, String> env;
    private final Consumer<byte[]> output;

    /**
     * @param command the program and its arguments ({@link #shell} wraps a command line in {@code sh -c})
     * @param env     extra environment beyond the agent's or CLI's own
     * @param output  receives what the program wrote
     */
    public ScriptHandler(List<String> command, Map<String, String> env, Consumer<byte[]> output) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a script handler needs a command");
        }
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.output = output;
    }

    /** {@code sh -c "<words joined by spaces>"}: Consul's {@code -shell=true} and its {@code handler} string. */
    public static List<String> shell(List<String> words) {
        return List.of("/bin/sh", "-c", String.join(" ", words));
    }

    @Override
    public void handle(long index, JsonNode data) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("CONSUL_INDEX", Long.toUnsignedString(index));
        Process p = pb.start();
        try {
            Thread feeder = Thread.ofVirtual().start(() -> feed(p.getOutputStream(), data));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread drainer = Thread.ofVirtual().start(() -> drain(p.getInputStream(), out));
            int code = p.waitFor(); // interruptible: stop() kills the script in the finally block
            feeder.join();
            drainer.join();
            output.accept(out.toByteArray());
            if (code != 0) {
                throw new IOException("exit status " + code);
            }
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static void feed(OutputStream stdin, JsonNode data) {
        try (stdin) {
            stdin.write((GoJsonText.compact(data) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the script need not read its input
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream kept) {
        byte[] buf = new byte[8192];
        int n;
        try (in) {
            while ((n = in.read(buf)) >= 0) {
                kept.write(buf, 0, Math.min(n, Math.max(0, MAX_OUTPUT - kept.size())));
            }
        } catch (IOException ignored) {
            // the process went away; what was read is kept
        }
    }
}
