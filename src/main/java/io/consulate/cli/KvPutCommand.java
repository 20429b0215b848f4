// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Option;

/**
 * {@code consulate kv put}: writes DATA (literal, {@code @file}, {@code -} for stdin, or nothing for an empty
 * value) to KEY, optionally as a check-and-set, a lock acquire or a lock release. Exit 1 when the write did
 * not happen, with Consul's messages ({@code Error! Did not write to KEY: CAS failed}).
 */
final class KvPutCommand extends FlagCommand<KvPutCommand.Options> {
    private static final String USAGE = """
            Usage: consulate kv put [options] KEY [DATA]

              Writes DATA to KEY in the key-value store. DATA may be any bytes:

                  $ consulate kv put config/redis/maxconns 5

              A DATA of @path reads the value from a file, and - reads it from stdin:

                  $ consulate kv put config/program/license @license.lic
                  $ echo "abcd1234" | consulate kv put config/program/license -

              Without DATA the key is written with an empty value. With -cas the write
              only happens if the key's ModifyIndex still equals -modify-index (0: only
              if the key does not exist yet):

                  $ consulate kv put -cas -modify-index=844 config/redis/maxconns 5
            """;

    static final class Options extends KvOptions {
        @Option(names = {"-acquire", "--acquire"},
                description = "Take the lock on the key for the session given with -session, creating the key "
                        + "if needed. The default is false.")
        boolean acquire;

        @Option(names = {"-base64", "--base64"}, description = "DATA is base64-encoded; decode it before writing. "
                + "The default is false.")
        boolean base64;

        @Option(names = {"-cas", "--cas"},
                description = "Check-and-set: write only if the key's ModifyIndex equals -modify-index. "
                        + "The default is false.")
        boolean cas;

        @Option(names = {"-flags", "--flags"}, paramLabel = "uint", converter = Flags.Uint64.class,
                description = "An unsigned 64-bit number stored with the key for the client's own use; the "
                        + "server never interprets it. The default is 0.")
        long flags;

        @Option(names = {"-modify-index", "--modify-index"}, paramLabel = "uint", converter = Flags.Uint64.class,
                description = "The ModifyIndex the key must still have, for -cas.")
        long modifyIndex;

        @Option(names = {"-release", "--release"},
                description = "Give up the lock that the session given with -session holds on the key. "
                        + "The default is false.")
        boolean release;

        @Option(names = {"-session", "--session"}, paramLabel = "string",
                description = "The session ID for -acquire and -release.")
        String session = "";
    }

    KvPutCommand() {
        super("Sets or updates data in the KV store", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        if (o.args.isEmpty()) {
            t.error("Error! Missing KEY argument");
            return 1;
        }
        if (o.args.size() > 2) {
            t.error("Error! Too many arguments (expected 1 or 2, got " + o.args.size() + ")");
            return 1;
        }
        String key = o.args.get(0);
        byte[] data;
        try {
            data = o.args.size() == 2 ? DataSource.load(o.args.get(1), t) : new byte[0];
        } catch (DataSource.LoadException e) {
            t.error("Error! " + e.getMessage());
            return 1;
        }
        if (o.base64) {
            try {
                // like Go's StdEncoding: line breaks are ignored, anything else must be valid base64
                String text = new String(data, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "");
                data = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                t.error("Error! Cannot base 64 decode data: " + e.getMessage());
                return 1;
            }
        }
        if ((o.acquire || o.release) && o.session.isEmpty()) {
            t.error("Error! Missing -session (required with -acquire and -release)");
            return 1;
        }
        byte[] value = data;
        return AgentCall.kv(t, o, kv -> write(kv, o, key, value, t));
    }

    private static int write(KvApi kv, Options o, String key, byte[] data, Terminal t) {
        if (o.cas) {
            return AgentCall.report(t, "Error! Did not write to " + key + ": ", () -> {
                if (kv.cas(key, data, o.flags, o.modifyIndex)) {
                    t.println("Success! Data written to: " + key);
                    return 0;
                }
                t.error(o.modifyIndex == 0
                        ? "Error! Did not write to " + key + ": CAS performed with index=0 and key already exists."
                        : "Error! Did not write to " + key + ": CAS failed");
                return 1;
            });
        }
        return AgentCall.report(t, "Error! Failed writing data: ", () -> {
            if (o.acquire) {
                return outcome(t, kv.acquire(key, data, o.flags, o.session),
                        "Success! Lock acquired on: " + key, "Error! Did not acquire lock");
            }
            if (o.release) {
                return outcome(t, kv.release(key, data, o.flags, o.session),
                        "Success! Lock released on: " + key, "Error! Did not release lock");
            }
            kv.put(key, data, o.flags);
            t.println("Success! Data written to: " + key);
            return 0;
        });
    }

    private static int outcome(Terminal t, boolean ok, String success, String failure) {
        if (ok) {
            t.println(success);
            return 0;
        }
        t.error(failure);
        return 1;
    }
}
