// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import picocli.CommandLine.Option;

/**
 * {@code consulate kv delete}: removes a key, every key under a prefix ({@code -recurse}), or a key only if
 * it is unchanged ({@code -cas -modify-index=N}). Deleting a key that does not exist succeeds, as in Consul.
 */
final class KvDeleteCommand extends KvKeyCommand<KvDeleteCommand.Options> {
    private static final String USAGE = """
            Usage: consulate kv delete [options] KEY_OR_PREFIX

              Removes KEY from the key-value store. Nothing happens if it does not exist.

                  $ consulate kv delete foo

              With -recurse, every key that starts with the argument is removed, here
              "foo", "food" and "foo/bar/zip" if they exist:

                  $ consulate kv delete -recurse foo
            """;

    static final class Options extends KvOptions {
        @Option(names = {"-cas", "--cas"},
                description = "Check-and-set: delete only if the key's ModifyIndex equals -modify-index. "
                        + "The default is false.")
        boolean cas;

        @Option(names = {"-modify-index", "--modify-index"}, paramLabel = "uint", converter = Flags.Uint64.class,
                description = "The ModifyIndex the key must still have, for -cas.")
        long modifyIndex;

        @Option(names = {"-recurse", "--recurse"},
                description = "Delete every key that starts with the given prefix. The default is false.")
        boolean recurse;
    }

    KvDeleteCommand() {
        super("Removes data from the KV store", USAGE, Options::new);
    }

    @Override
    int run(Options o, String key, Terminal t) {
        String invalid = validate(o, key);
        if (invalid != null) {
            t.error(invalid);
            return 1;
        }
        return AgentCall.kv(t, o, kv -> delete(kv, o, key, t));
    }

    /** The flag combinations Consul refuses, checked before any request is made. */
    private static String validate(Options o, String key) {
        if (key.isEmpty() && !o.recurse) {
            return "Error! Missing KEY argument";
        }
        if (o.cas && o.modifyIndex == 0) {
            return "Cannot delete a key that does not exist. Provide a -modify-index greater than 0.";
        }
        if (o.modifyIndex != 0 && !o.cas) {
            return "Cannot specify -modify-index without -cas!";
        }
        if (o.recurse && o.cas) {
            return "Cannot specify both -cas and -recurse!";
        }
        return null;
    }

    private static int delete(KvApi kv, Options o, String key, Terminal t) {
        if (o.recurse) {
            return AgentCall.report(t, "Error! Did not delete prefix " + key + ": ", () -> {
                kv.deleteTree(key);
                t.println("Success! Deleted keys with prefix: " + key);
                return 0;
            });
        }
        if (o.cas) {
            return AgentCall.report(t, "Error! Did not delete key " + key + ": ", () -> {
                if (kv.deleteCas(key, o.modifyIndex)) {
                    t.println("Success! Deleted key: " + key);
                    return 0;
                }
                t.error("Error! Did not delete key " + key + ": CAS failed");
                return 1;
            });
        }
        return AgentCall.report(t, "Error deleting key " + key + ": ", () -> {
            kv.delete(key);
            t.println("Success! Deleted key: " + key);
            return 0;
        });
    }
}
