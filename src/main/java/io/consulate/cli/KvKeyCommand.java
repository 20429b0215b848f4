// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.function.Supplier;

/**
 * A {@code kv} subcommand that takes at most one KEY_OR_PREFIX argument after its flags ({@code get},
 * {@code delete}, {@code export}). A missing argument is {@code ""}; a leading {@code /} is dropped (keys never
 * start with one; Consul accepts {@code /foo} as a courtesy); more than one argument is Consul's
 * {@code Too many arguments (expected 1, got N)} and exit 1.
 *
 * @param <O> the subcommand's options
 */
abstract class KvKeyCommand<O extends KvOptions> extends FlagCommand<O> {

    KvKeyCommand(String synopsis, String usage, Supplier<O> options) {
        super(synopsis, usage, options);
    }

    @Override
    final int run(O options, Terminal terminal) {
        if (options.args.size() > 1) {
            terminal.error("Too many arguments (expected 1, got " + options.args.size() + ")");
            return 1;
        }
        String key = options.args.isEmpty() ? "" : options.args.get(0);
        return run(options, key.startsWith("/") ? key.substring(1) : key, terminal);
    }

    /** Runs with the parsed flags and the key ({@code ""} when none was given); returns the exit code. */
    abstract int run(O options, String key, Terminal terminal);
}
