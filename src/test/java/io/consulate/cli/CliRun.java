// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process {@code consulate} run for tests: exit code and everything written to stdout and stderr.
 * The environment is exactly what the test passes, never the process's.
 */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        return run(Map.of(), new byte[0], args);
    }

    static CliRun withEnv(Map<String, String> env, String... args) {
        return run(env, new byte[0], args);
    }

    static CliRun withStdin(byte[] stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    static CliRun run(Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin);
        int exit = Cli.run(args, new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), in, env));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs against the agent at {@code address} by passing {@code -http-addr} after the command words. */
    static CliRun against(String address, String... commandThenArgs) {
        return run(Map.of(), new byte[0], withAddr(address, commandThenArgs));
    }

    static String[] withAddr(String address, String... commandThenArgs) {
        int words = java.util.Set.of("kv", "catalog", "services").contains(commandThenArgs[0]) ? 2 : 1;
        String[] args = new String[commandThenArgs.length + 1];
        System.arraycopy(commandThenArgs, 0, args, 0, words);
        args[words] = "-http-addr=" + address;
        System.arraycopy(commandThenArgs, words, args, words + 1, commandThenArgs.length - words);
        return args;
    }
}
