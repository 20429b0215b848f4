// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code consulate kv import}: writes the entries of a {@code kv export} document (from an argument,
 * {@code @file} or stdin), optionally under {@code -prefix}, printing {@code Imported: KEY} for each. Field
 * names match case-insensitively, as Go's JSON decoder matches them, so hand-written files work too.
 */
final class KvImportCommand extends FlagCommand<KvImportCommand.Options> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final String USAGE = """
            Usage: consulate kv import [DATA]

              Writes key-value pairs from the JSON document that "consulate kv export"
              (or "consul kv export") prints. DATA is read from a file when it starts
              with @, and from stdin when it is -:

                  $ consulate kv import @filename.json
                  $ cat filename.json | consulate kv import -

              DATA may also be the JSON itself, given as the last argument (mind the
              shell's quoting).
            """;

    static final class Options extends KvOptions {
        @Option(names = {"-prefix", "--prefix"}, paramLabel = "string",
                description = "Key prefix to put in front of every imported key.")
        String prefix = "";
    }

    /** One element of the export document. */
    record Entry(String key, long flags, String value) {}

    KvImportCommand() {
        super("Imports a tree stored as JSON to the KV store", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        byte[] data;
        try {
            data = data(o.args, t);
        } catch (DataSource.LoadException e) {
            t.error("Error! " + e.getMessage());
            return 1;
        }
        return AgentCall.kv(t, o, kv -> write(kv, o.prefix, data, t));
    }

    private static int write(KvApi kv, String prefix, byte[] data, Terminal t) {
        List<Entry> entries;
        try {
            entries = parse(data);
        } catch (IllegalArgumentException e) {
            t.error("Cannot unmarshal data: " + e.getMessage());
            return 1;
        }
        for (Entry entry : entries) {
            byte[] value;
            try {
                value = Base64.getDecoder().decode(entry.value());
            } catch (IllegalArgumentException e) {
                t.error("Error base 64 decoding value for key " + entry.key() + ": " + e.getMessage());
                return 1;
            }
            // a "directory" entry keeps its trailing slash through the join
            String key = GoPath.join(prefix, entry.key()) + (entry.key().endsWith("/") ? "/" : "");
            int code = AgentCall.report(t, "Error! Failed writing data for key " + key + ": ", () -> {
                kv.put(key, value, entry.flags());
                t.println("Imported: " + key);
                return 0;
            });
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    private static byte[] data(List<String> args, Terminal t) throws DataSource.LoadException {
        if (args.isEmpty()) {
            throw new DataSource.LoadException("Missing DATA argument");
        }
        if (args.size() > 1) {
            throw new DataSource.LoadException("Too many arguments (expected 1, got " + args.size() + ")");
        }
        if (args.get(0).isEmpty()) {
            throw new DataSource.LoadException("Empty DATA argument");
        }
        return DataSource.load(args.get(0), t);
    }

    /** The entries of an export document; a JSON {@code null} document is no entries, as in Go. */
    static List<Entry> parse(byte[] data) {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("unexpected end of JSON input");
        }
        if (root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("cannot unmarshal " + kind(root) + " into a list of entries");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode element : root) {
            if (element.isNull()) {
                continue;
            }
            if (!element.isObject()) {
                throw new IllegalArgumentException("cannot unmarshal " + kind(element) + " into an entry");
            }
            entries.add(entry(element));
        }
        return entries;
    }

    private static Entry entry(JsonNode object) {
        String key = "";
        long flags = 0;
        String value = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "key" -> key = string(v, "key");
                case "value" -> value = string(v, "value");
                case "flags" -> flags = uint64(v);
                default -> { } // unknown fields (namespace, partition, ...) are ignored
            }
        }
        return new Entry(key, flags, value);
    }

    private static String string(JsonNode v, String field) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("cannot unmarshal " + kind(v) + " into field " + field + " of type string");
        }
        return v.asText();
    }

    private static long uint64(JsonNode v) {
        if (v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().compareTo(MAX_UINT64) > 0) {
            throw new IllegalArgumentException("cannot unmarshal " + kind(v) + " " + v + " into field flags of type uint64");
        }
        return v.bigIntegerValue().longValue();
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case BOOLEAN -> "bool";
            case NUMBER -> "number";
            case STRING, BINARY -> "string";
            default -> "null";
        };
    }
}
