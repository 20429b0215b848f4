// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.agent.config.Durations;
import io.consulate.lock.LockRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code consulate lock}: runs a child process while holding a lock in the KV store, Consul's
 * {@code consul lock}: a mutex on {@code PREFIX/.lock}, or with {@code -n} a semaphore in Consul's layout, held
 * through a session renewed in the background; the child is terminated if the lock is lost, and the lock is
 * released and the session destroyed when the child exits. See {@link LockRunner}.
 */
final class LockCommand extends FlagCommand<LockCommand.Options> {
    private static final String USAGE = """
            Usage: consulate lock [options] prefix child...

              Acquires a lock or semaphore at a given path, and invokes a child process
              when successful. The child process can assume the lock is held while it
              executes. If the lock is lost or communication is disrupted the child
              process will be sent a SIGTERM signal and given time to gracefully exit.
              After the grace period expires the process will be hard terminated.

              When -n=1, only a single lock holder or leader exists providing mutual
              exclusion. Setting a higher value switches to a semaphore allowing multiple
              holders to coordinate.

              The prefix provided must have write privileges.
            """;
    private static final Duration SESSION_TTL = Duration.ofSeconds(15);

    /** A Go duration flag value. */
    static final class GoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parseGo(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("parse error");
            }
        }
    }

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Option(names = {"-n", "--n"}, paramLabel = "int",
                description = "Optional limit on the number of concurrent lock holders. The underlying "
                        + "implementation switches from a lock to a semaphore when increased past one. The "
                        + "default value is 1.")
        int limit = 1;

        @Option(names = {"-name", "--name"}, paramLabel = "string",
                description = "Optional name to associate with the underlying session. If not provided, "
                        + "one is generated based on the child command.")
        String name = "";

        @Option(names = {"-pass-stdin", "--pass-stdin"}, arity = "0..1", paramLabel = "bool",
                description = "Pass stdin to the child process.")
        boolean passStdin;

        @Option(names = {"-shell", "--shell"}, arity = "0..1", paramLabel = "bool",
                description = "Use a shell to run the command (can set a custom shell via the SHELL "
                        + "environment variable). The default value is true.")
        boolean shell = true;

        @Option(names = {"-timeout", "--timeout"}, paramLabel = "duration", converter = GoDuration.class,
                description = "Maximum amount of time to wait to acquire the lock. The default is 0, "
                        + "which waits forever.")
        Duration timeout = Duration.ZERO;

        @Option(names = {"-try", "--try"}, paramLabel = "duration", converter = GoDuration.class,
                description = "DEPRECATED: use -timeout instead.")
        Duration tryTimeout;

        @Option(names = {"-monitor-retry", "--monitor-retry"}, paramLabel = "int",
                description = "Number of times to retry if Consul returns a 500 error while monitoring "
                        + "the lock. The default value is 3.")
        int monitorRetry = 3;

        @Option(names = {"-child-exit-code", "--child-exit-code"}, arity = "0..1", paramLabel = "bool",
                description = "Exit 2 if the child process exited with an error if this is true, "
                        + "otherwise this doesn't propagate an error from the child. The default value is false.")
        boolean childExitCode;

        @Option(names = {"-verbose", "--verbose"}, arity = "0..1", paramLabel = "bool",
                description = "Enable verbose (debugging) output.")
        boolean verbose;

        @Parameters(hidden = true)
        List<String> args = new ArrayList<>();
    }

    LockCommand() {
        super("Execute a command holding a lock", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        if (o.args.size() < 2) {
            t.error("Key prefix and child command must be specified");
            return 1;
        }
        if (o.limit <= 0) {
            t.error("Lock holder limit must be positive");
            return 1;
        }
        Duration timeout = o.tryTimeout != null ? o.tryTimeout : o.timeout;
        if (timeout.isNegative()) {
            t.error("Timeout must be positive");
            return 1;
        }
        String prefix = o.args.get(0).startsWith("/") ? o.args.get(0).substring(1) : o.args.get(0);
        List<String> child = o.args.subList(1, o.args.size());
        ApiTarget target;
        try {
            target = ApiTarget.resolve(o.client, o.server, t);
        } catch (ApiException e) {
            t.error("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        }
        LockRunner.Options options = new LockRunner.Options(prefix, o.limit,
                o.name.isEmpty() ? LockRunner.defaultSessionName(prefix) : o.name, SESSION_TTL, timeout,
                o.monitorRetry, o.childExitCode, Duration.ofSeconds(5), Duration.ofSeconds(15));
        try (HttpLockStore store = new HttpLockStore(target)) {
            return new LockRunner(store, options, t.out(), t.err()).run(command(child, o.shell, t),
                    o.passStdin ? t.in() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static ProcessBuilder command(List<String> child, boolean shell, Terminal t) {
        if (!shell) {
            return new ProcessBuilder(child);
        }
        String sh = t.getenv("SHELL").isEmpty() ? "/bin/sh" : t.getenv("SHELL");
        return new ProcessBuilder(sh, "-c", String.join(" ", child));
    }
}
