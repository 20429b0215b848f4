// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;

/**
 * One {@code consulate} subcommand, shaped like a Consul CLI command: a one-line synopsis for the command
 * list, a help text for {@code -h}, and a run that returns the process exit code.
 */
interface CliCommand {

    /**
     * Returned by {@link #run} to ask the dispatcher to print this command's help on stderr and exit 1, as a
     * Consul command group ({@code consul kv}) does when run without a subcommand.
     */
    int SHOW_HELP = -18511;

    /** One line for the "Available commands" list. */
    String synopsis();

    /** The full help: usage, description and the options, as printed for {@code -h}. */
    String help();

    /** Runs with the arguments after the command name; returns the exit code or {@link #SHOW_HELP}. */
    int run(List<String> args, Terminal terminal);
}
