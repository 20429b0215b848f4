// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;

/** {@code consulate services}: the group of agent service subcommands; alone it prints its help and exits 1. */
final class ServicesCommand implements CliCommand {
    private static final String HELP = """
            Usage: consulate services <subcommand> [options] [args]

              Subcommands for the services registered with the local agent. Register
              a service from a definition file, or from flags:

                  $ consulate services register web.json
                  $ consulate services register -name=web -port=8080

              Deregister it:

                  $ consulate services deregister -id=web

              To list the services of the whole catalog, see "consulate catalog services".""";

    @Override
    public String synopsis() {
        return "Interact with services";
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
