// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate kv delete}: removes a key, every key under a prefix ({@code -recurse}), or a key only if
 * it is unchanged ({@code -cas -modify-index=N}). Deleting a key that does not exist succeeds, as in Consul.
 */
final class KvDeleteCommand implements CliCommand {
    private static final String USAGE = """
            Usage: consulate kv delete [options] KEY_OR_PREFIX

              Removes KEY from the key-value store. Nothing happens if it does not exist.

                  $ consulate kv delete foo

              With -recurse, every key that starts with the argument is removed, here
              "foo", "food" and "foo/bar/zip" if they exist:

                  $ consulate kv delete -recurse foo
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

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

        @Parameters(hidden = true)
        List<String> args = new ArrayList<>();
    }

    @Override
    public String synopsis() {
        return "Removes data from the KV store";
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
        String key = o.args.isEmpty() ? "" : o.args.get(0);
        if (key.startsWith("/")) {
            key = key.substring(1);
        }
        String invalid = validate(o, key);
        if (invalid != null) {
            t.error(invalid);
            return 1;
        }
        ApiTarget target;
        try {
            target = ApiTarget.resolve(o.client, o.server, t);
        } catch (ApiException e) {
            t.error("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        }
        try (ConsulApi api = new ConsulApi(target)) {
            return delete(new KvApi(api), o, key, t);
        }
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
            try {
                kv.deleteTree(key);
                t.println("Success! Deleted keys with prefix: " + key);
                return 0;
            } catch (ApiException e) {
                t.error("Error! Did not delete prefix " + key + ": " + e.getMessage());
                return 1;
            }
        }
        if (o.cas) {
            try {
                if (kv.deleteCas(key, o.modifyIndex)) {
                    t.println("Success! Deleted key: " + key);
                    return 0;
                }
                t.error("Error! Did not delete key " + key + ": CAS failed");
            } catch (ApiException e) {
                t.error("Error! Did not delete key " + key + ": " + e.getMessage());
            }
            return 1;
        }
        try {
            kv.delete(key);
            t.println("Success! Deleted key: " + key);
            return 0;
        } catch (ApiException e) {
            t.error("Error deleting key " + key + ": " + e.getMessage());
            return 1;
        }
    }
}
