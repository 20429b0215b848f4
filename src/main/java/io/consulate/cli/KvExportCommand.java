// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate kv export}: prints every entry under a prefix as the JSON array that
 * {@code kv import} (and Consul's {@code consul kv import}) reads back: {@code key}, {@code flags} and a
 * base64 {@code value}, indented with tabs exactly as Consul prints it.
 */
final class KvExportCommand implements CliCommand {
    private static final String USAGE = """
            Usage: consulate kv export [KEY_OR_PREFIX]

              Prints the key-value pairs under the given prefix (all of them without one)
              as JSON on stdout. "consulate kv import" reads this back, so whole trees can
              be moved between clusters, including to and from Consul:

                  $ consulate kv export vault > vault.json
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Parameters(hidden = true)
        List<String> args = new ArrayList<>();
    }

    @Override
    public String synopsis() {
        return "Exports a tree from the KV store as JSON";
    }

    @Override
    public String help() {
        return Flags.help(USAGE, new Options());
    }

    @Override
    public int run(List<String> args, Terminal t) {
        Options o = new Options();
        if (!Flags.parse(o, args, t, help())) {
            return 1;
        }
        if (o.args.size() > 1) {
            t.error("Too many arguments (expected 1, got " + o.args.size() + ")");
            return 1;
        }
        String prefix = o.args.isEmpty() ? "" : o.args.get(0);
        if (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        ApiTarget target;
        try {
            target = ApiTarget.resolve(o.client, o.server, t);
        } catch (ApiException e) {
            t.error("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        }
        try (ConsulApi api = new ConsulApi(target)) {
            t.println(GoJson.export(new KvApi(api).list(prefix)));
            return 0;
        } catch (ApiException e) {
            t.error("Error querying Consul agent: " + e.getMessage());
            return 1;
        }
    }
}
