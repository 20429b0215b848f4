// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every {@code kv} subcommand accepts: the connection flags ({@link HttpFlags.Client} and
 * {@link HttpFlags.Server}) and the arguments after the flags. Each subcommand's options extend it with their
 * own flags; picocli reads the inherited fields as if declared there.
 */
class KvOptions {
    @Mixin HttpFlags.Client client = new HttpFlags.Client();
    @Mixin HttpFlags.Server server = new HttpFlags.Server();

    @Parameters(hidden = true)
    List<String> args = new ArrayList<>();
}
