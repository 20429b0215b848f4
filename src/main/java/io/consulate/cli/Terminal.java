// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of its surroundings: stdout, stderr, stdin and the environment. Injected so that
 * tests can run commands in-process with their own streams and variables such as {@code CONSUL_HTTP_ADDR}.
 *
 * <p>Text is always written as UTF-8 bytes, whatever the platform's console encoding, because Consul writes
 * keys and values byte for byte.
 */
public record Terminal(PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {

    public Terminal {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        env = Map.copyOf(env);
    }

    /** The real process: {@code System.in} and {@code System.getenv()}. */
    public static Terminal system(PrintStream out, PrintStream err) {
        return new Terminal(out, err, System.in, System.getenv());
    }

    /** An environment variable, or {@code ""} when it is unset (Go's {@code os.Getenv}). */
    public String getenv(String name) {
        return env.getOrDefault(name, "");
    }

    /** Writes one line to stdout. */
    public void println(String line) {
        write(out, line.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes (a KV value, say) to stdout, followed by a newline. */
    public void println(byte[] raw) {
        write(out, raw);
    }

    /** Writes one line to stderr. */
    public void error(String line) {
        write(err, line.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(PrintStream stream, byte[] bytes) {
        stream.write(bytes, 0, bytes.length);
        stream.write('\n');
        stream.flush();
    }
}
