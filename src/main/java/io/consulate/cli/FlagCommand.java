// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;
import java.util.function.Supplier;

/**
 * A command whose flags are a picocli-annotated options object: a fixed synopsis, a help made of the usage
 * text followed by the options ({@link Flags#help}), and a run that starts only once the flags parsed. A
 * bad flag prints Go's error and the help on stderr and exits 1, as every Consul command does.
 *
 * @param <O> the options type; a fresh instance is made for each help text and each run
 */
abstract class FlagCommand<O> implements CliCommand {
    private final String synopsis;
    private final String usage;
    private final Supplier<O> options;

    FlagCommand(String synopsis, String usage, Supplier<O> options) {
        this.synopsis = synopsis;
        this.usage = usage;
        this.options = options;
    }

    @Override
    public final String synopsis() {
        return synopsis;
    }

    @Override
    public final String help() {
        return Flags.help(usage, options.get());
    }

    @Override
    public final int run(List<String> args, Terminal terminal) {
        O o = options.get();
        if (!Flags.parse(o, args, terminal, help())) {
            return 1;
        }
        return run(o, terminal);
    }

    /** Runs with the parsed flags; returns the exit code. */
    abstract int run(O options, Terminal terminal);
}
