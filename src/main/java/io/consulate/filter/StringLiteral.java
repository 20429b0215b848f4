// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a quoted string from an expression: {@code "..."} with Go's escapes ({@code \n}, {@code \t},
 * {@code \x41}, {@code \101}, {@code \u00e9}, {@code \U0001F600}, {@code \\}) or {@code `...`} taken as is
 * (minus carriage returns, as Go's raw strings drop them).
 *
 * <p>One extension: {@code \"} is accepted inside double quotes. go-bexpr ends a string at the first
 * {@code "} whatever precedes it and then rejects the dangling backslash, so every expression it accepts reads
 * the same here; only expressions it rejects gain a meaning.
 */
final class StringLiteral {

    private StringLiteral() {}

    /** A decoded string and the offset just past its closing quote. */
    record Read(String value, int end) {}

    /** Reads the literal whose opening quote is at {@code start}. */
    static Read read(String src, int start) throws FilterException {
        char quote = src.charAt(start);
        int close = closingQuote(src, start, quote);
        if (close < 0) {
            throw FilterException.at(src, src.length(), "rule \"string\": Unterminated string literal");
        }
        if (quote == '`') {
            return new Read(src.substring(start + 1, close).replace("\r", ""), close + 1);
        }
        return new Read(decode(src, start + 1, close), close + 1);
    }

    private static int closingQuote(String src, int start, char quote) {
        for (int i = start + 1; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == quote) {
                return i;
            }
            if (c == '\\' && quote == '"') {
                i++; // skip the escaped character, so \" does not close
            }
        }
        return -1;
    }

    private static String decode(String src, int from, int to) throws FilterException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = src.charAt(i);
            if (c == '\n') {
                throw FilterException.at(src, i, "rule \"string\": invalid syntax: newline in string");
            }
            if (c != '\\') {
                int cp = src.codePointAt(i);
                utf8(out, cp);
                i += Character.charCount(cp);
                continue;
            }
            i = escape(src, i, to, out);
        }
        // Bytes from \x and octal escapes need not be valid UTF-8; malformed sequences become U+FFFD.
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Decodes the escape at {@code at} (the backslash) into {@code out}; returns the offset after it. */
    private static int escape(String src, int at, int to, ByteArrayOutputStream out) throws FilterException {
        char e = at + 1 < to ? src.charAt(at + 1) : 0;
        int simple = switch (e) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case '\\' -> '\\';
            case '"' -> '"';
            default -> -1;
        };
        if (simple >= 0) {
            out.write(simple);
            return at + 2;
        }
        int value = switch (e) {
            case 'x' -> digits(src, at + 2, to, 2, 16);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> digits(src, at + 1, to, 3, 8);
            case 'u' -> digits(src, at + 2, to, 4, 16);
            case 'U' -> digits(src, at + 2, to, 8, 16);
            default -> -1;
        };
        boolean isByte = e == 'x' || (e >= '0' && e <= '7');
        boolean valid = isByte ? value >= 0 && value <= 0xFF
                : value >= 0 && value <= Character.MAX_CODE_POINT && (value < 0xD800 || value > 0xDFFF);
        if (!valid) {
            String seq = src.substring(at, Math.min(to, at + 2));
            throw FilterException.at(src, at, "rule \"string\": invalid syntax: bad escape sequence " + seq);
        }
        if (isByte) {
            out.write(value);
        } else {
            utf8(out, value);
        }
        int length = switch (e) {
            case 'x' -> 4;
            case 'u' -> 6;
            case 'U' -> 10;
            default -> 4; // octal: backslash and three digits
        };
        return at + length;
    }

    /** Exactly {@code count} digits of {@code radix} at {@code from}, or -1. */
    private static int digits(String src, int from, int to, int count, int radix) {
        if (from + count > to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < from + count; i++) {
            char c = src.charAt(i);
            int d = c < 0x80 ? Character.digit(c, radix) : -1;
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private static void utf8(ByteArrayOutputStream out, int cp) {
        byte[] bytes = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
