// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;

/** {@code consulate kv}: the group of key-value subcommands; on its own it prints its help and exits 1. */
final class KvCommand implements CliCommand {
    private static final String HELP = """
            Usage: consulate kv <subcommand> [options] [args]

              Subcommands for reading and writing the key-value store. For example,
              create or update the key "redis/config/connections" with the value 5:

                  $ consulate kv put redis/config/connections 5

              Read it back, alone or with its metadata:

                  $ consulate kv get redis/config/connections
                  $ consulate kv get -detailed redis/config/connections

              And delete it:

                  $ consulate kv delete redis/config/connections

              Each subcommand's -h lists its options.""";

    @Override
    public String synopsis() {
        return "Interact with the key-value store";
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public int run(List<String> args, Terminal terminal) {
        return SHOW_HELP;
    }
}
