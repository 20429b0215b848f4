// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every {@code catalog} subcommand accepts: the connection flags and the arguments after the flags,
 * which must be none. Subcommands with flags of their own extend it.
 */
class CatalogOptions {
    @Mixin HttpFlags.Client client = new HttpFlags.Client();
    @Mixin HttpFlags.Server server = new HttpFlags.Server();

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();

    /** Consul's refusal of arguments, or null when there are none. */
    String tooMany() {
        return args.isEmpty() ? null : "Too many arguments (expected 0, got " + args.size() + ")";
    }
}
