// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;

/**
 * The JSON that {@code consul kv export} prints, byte for byte: Go's {@code json.MarshalIndent} with a tab
 * indent over {@code [{"key","flags","value"}]}, including Go's string escaping ({@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as {@code \\u} escapes), so exports diff cleanly against Consul's.
 */
final class GoJson {
    private GoJson() {}

    /** The export document for these entries ({@code []} when there are none). */
    static String export(List<KvRecord> entries) {
        if (entries.isEmpty()) {
            return "[]";
        }
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < entries.size(); i++) {
            KvRecord e = entries.get(i);
            sb.append("\t{\n");
            sb.append("\t\t\"key\": ").append(quote(e.key())).append(",\n");
            sb.append("\t\t\"flags\": ").append(Long.toUnsignedString(e.flags())).append(",\n");
            sb.append("\t\t\"value\": ").append(quote(e.value().base64())).append('\n');
            sb.append(i < entries.size() - 1 ? "\t},\n" : "\t}\n");
        }
        return sb.append(']').toString();
    }

    /** A JSON string literal escaped as Go's encoding/json escapes it (HTML-safe, Go 1.22+ short escapes). */
    static String quote(String s) {
        return io.consulate.watch.GoJsonText.quote(s);
    }
}
