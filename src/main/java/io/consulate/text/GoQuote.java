// SPDX-License-Identifier: Apache-2.0
package io.consulate.text;

/**
 * Go's {@code %q} for strings, as Consul's error texts show keys, verbs and filter literals: double quotes,
 * Go's short escapes for quote, backslash, newline, carriage return and tab, and {@code \xNN} for the other
 * ASCII control characters and DEL.
 *
 * <p>Why one copy: transaction errors and filter errors both quote values a client sent, and a client comparing
 * texts must see the same escaping from each. Known difference from Go: other non-printable Unicode (for
 * instance U+0085 or U+2028) is shown as is, where Go writes {@code \u0085}.
 */
public final class GoQuote {
    private GoQuote() {
    }

    /** {@code s} quoted as Go's {@code %q} quotes it (see the class comment for the one difference). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
