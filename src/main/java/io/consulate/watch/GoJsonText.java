// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders JSON the way Go's {@code encoding/json} does, which is what {@code consul watch} prints and feeds to
 * handlers: {@link #indented} is {@code json.MarshalIndent(v, "", "    ")} (empty arrays and objects as
 * {@code []} and {@code {}}), {@link #compact} is {@code json.Encoder.Encode} without its newline; strings
 * escape {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as Go does.
 */
public final class GoJsonText {
    private GoJsonText() {}

    /** Go's MarshalIndent with a four-space indent; {@code null} for a missing value. */
    public static String indented(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, "    ", 0);
        return sb.toString();
    }

    /** Go's compact encoding. */
    public static String compact(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, null, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode node, String indent, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            if (!it.hasNext()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                newline(sb, indent, depth + 1);
                quote(sb, e.getKey());
                sb.append(indent == null ? ":" : ": ");
                write(sb, e.getValue(), indent, depth + 1);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            newline(sb, indent, depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                newline(sb, indent, depth + 1);
                write(sb, node.get(i), indent, depth + 1);
                if (i < node.size() - 1) {
                    sb.append(',');
                }
            }
            newline(sb, indent, depth);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(sb, node.asText());
        } else {
            sb.append(node.toString()); // numbers and booleans
        }
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n').append(indent.repeat(depth));
        }
    }

    /** A JSON string literal with Go's escaping (HTML-safe, invalid surrogates as U+FFFD). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
