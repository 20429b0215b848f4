// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;

/** {@code consulate catalog}: the group of catalog read subcommands; alone it prints its help and exits 1. */
final class CatalogCommand implements CliCommand {
    private static final String HELP = """
            Usage: consulate catalog <subcommand> [options] [args]

              Subcommands for reading the catalog: datacenters, nodes and services.

                  $ consulate catalog datacenters
                  $ consulate catalog nodes -service=web
                  $ consulate catalog services -tags

              Each subcommand's -h lists its options.""";

    @Override
    public String synopsis() {
        return "Interact with the catalog";
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
