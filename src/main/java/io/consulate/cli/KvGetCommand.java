// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code consulate kv get}: prints a value, a {@code key:value} listing ({@code -recurse}), a key listing
 * ({@code -keys}) or Consul's metadata table ({@code -detailed}). A missing key is exit 1 with
 * {@code Error! No key exists at: KEY}.
 */
final class KvGetCommand extends KvKeyCommand<KvGetCommand.Options> {
    /** Labels are padded to the longest ("CreateIndex") plus six spaces, as Consul's tabwriter does. */
    private static final int LABEL_WIDTH = "CreateIndex".length() + 6;

    private static final String USAGE = """
            Usage: consulate kv get [options] [KEY_OR_PREFIX]

              Prints the value stored at KEY in the key-value store, exactly as stored.
              A key that does not exist is an error; a key that exists without data
              prints an empty line.

                  $ consulate kv get redis/config/connections

              -detailed adds the key's metadata (indexes, flags and lock session).
              -recurse treats the argument as a prefix and prints every key:value pair
              under it; -keys prints only the key names, folded at -separator:

                  $ consulate kv get -recurse redis/
                  $ consulate kv get -keys -separator=/ redis/
            """;

    static final class Options extends KvOptions {
        @Option(names = {"-base64", "--base64"}, description = "Print values base64-encoded. The default is false.")
        boolean base64;

        @Option(names = {"-detailed", "--detailed"},
                description = "Print the key's metadata as well as its value: CreateIndex, ModifyIndex, "
                        + "LockIndex, flags and the session holding it. The default is false.")
        boolean detailed;

        @Option(names = {"-keys", "--keys"},
                description = "List the keys that start with the given prefix instead of their values; "
                        + "usually combined with -separator. The default is false.")
        boolean keys;

        @Option(names = {"-recurse", "--recurse"},
                description = "Treat the argument as a prefix and print every key under it. The default is false.")
        boolean recurse;

        @Option(names = {"-separator", "--separator"}, paramLabel = "string",
                description = "With -keys, list keys only up to the first occurrence of this string after the "
                        + "prefix. The default is \"/\"; empty lists every key.")
        String separator = "/";
    }

    KvGetCommand() {
        super("Retrieves or lists data from the KV store", USAGE, Options::new);
    }

    @Override
    int run(Options o, String key, Terminal t) {
        if (key.isEmpty() && !(o.recurse || o.keys)) {
            t.error("Error! Missing KEY argument");
            return 1;
        }
        return AgentCall.kv(t, o, kv -> print(kv, o, key, t));
    }

    private static int print(KvApi kv, Options o, String key, Terminal t) throws ApiException {
        if (o.keys && o.recurse) {
            printAll(t, kv.list(key), o.detailed, false, true);
        } else if (o.keys) {
            kv.keys(key, o.separator).forEach(t::println);
        } else if (o.recurse) {
            printAll(t, kv.list(key), o.detailed, o.base64, false);
        } else {
            Optional<KvRecord> entry = kv.get(key);
            if (entry.isEmpty()) {
                t.error("Error! No key exists at: " + key);
                return 1;
            }
            KvRecord r = entry.get();
            t.println(o.detailed ? detailed(r, o.base64, false) : value(r, o.base64));
        }
        return 0;
    }

    /** Entries one per line ({@code key:value}, or just the key), or detailed blocks separated by a blank line. */
    private static void printAll(Terminal t, List<KvRecord> entries, boolean detailed, boolean base64,
                                 boolean keysOnly) {
        for (int i = 0; i < entries.size(); i++) {
            KvRecord r = entries.get(i);
            if (detailed) {
                t.println(detailed(r, base64, keysOnly));
                if (i < entries.size() - 1) {
                    t.println("");
                }
            } else if (keysOnly) {
                t.println(r.key());
            } else {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                line.writeBytes((r.key() + ":").getBytes(StandardCharsets.UTF_8));
                line.writeBytes(value(r, base64));
                t.println(line.toByteArray());
            }
        }
    }

    private static byte[] value(KvRecord r, boolean base64) {
        return base64 ? r.value().base64().getBytes(StandardCharsets.US_ASCII) : r.value().array();
    }

    /**
     * Consul's {@code -detailed} block. Without the value ({@code -keys -recurse -detailed}) the block keeps
     * the newline after the Session row, so Consul's blank line after each block is reproduced too.
     */
    static byte[] detailed(KvRecord r, boolean base64, boolean keysOnly) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        row(b, "CreateIndex", Long.toUnsignedString(r.createIndex()));
        row(b, "Flags", Long.toUnsignedString(r.flags()));
        row(b, "Key", r.key());
        row(b, "LockIndex", Long.toUnsignedString(r.lockIndex()));
        row(b, "ModifyIndex", Long.toUnsignedString(r.modifyIndex()));
        row(b, "Session", r.session().isEmpty() ? "-" : r.session());
        if (!keysOnly) {
            label(b, "Value");
            b.writeBytes(value(r, base64));
        }
        return b.toByteArray();
    }

    private static void row(ByteArrayOutputStream b, String label, String value) {
        label(b, label);
        b.writeBytes((value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void label(ByteArrayOutputStream b, String label) {
        b.writeBytes((label + " ".repeat(LABEL_WIDTH - label.length())).getBytes(StandardCharsets.US_ASCII));
    }
}
