// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

/**
 * {@code consulate kv export}: prints every entry under a prefix as the JSON array that
 * {@code kv import} (and Consul's {@code consul kv import}) reads back: {@code key}, {@code flags} and a
 * base64 {@code value}, indented with tabs exactly as Consul prints it.
 */
final class KvExportCommand extends KvKeyCommand<KvOptions> {
    private static final String USAGE = """
            Usage: consulate kv export [KEY_OR_PREFIX]

              Prints the key-value pairs under the given prefix (all of them without one)
              as JSON on stdout. "consulate kv import" reads this back, so whole trees can
              be moved between clusters, including to and from Consul:

                  $ consulate kv export vault > vault.json
            """;

    KvExportCommand() {
        super("Exports a tree from the KV store as JSON", USAGE, KvOptions::new);
    }

    @Override
    int run(KvOptions o, String prefix, Terminal t) {
        return AgentCall.kv(t, o, kv -> {
            t.println(GoJson.export(kv.list(prefix)));
            return 0;
        });
    }
}
