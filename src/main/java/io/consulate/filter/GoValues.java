// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Go's {@code strconv} rules for turning an expression's raw value into the type of the field it is compared
 * with, as go-bexpr's coercion functions do: {@code ParseBool}, {@code ParseInt}/{@code ParseUint} with base 0
 * ({@code 0x1F}, {@code 0o17}, {@code 017}, {@code 0b101}, {@code 1_000}) and {@code ParseFloat}. Each
 * returns null where Go returns an error; a value that cannot be coerced equals nothing.
 */
final class GoValues {

    private GoValues() {}

    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    // Digits may be separated by single underscores (Go's underscoreOK); these inputs are bounded by the
    // expression length and the patterns cannot backtrack badly.
    private static final String DEC = "[0-9](?:_?[0-9])*";
    private static final String HEX = "[0-9a-fA-F](?:_?[0-9a-fA-F])*";
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(?:" + DEC + "(?:\\.(?:" + DEC + ")?)?|\\." + DEC + ")(?:[eE][+-]?" + DEC + ")?");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "[+-]?0[xX]_?(?:" + HEX + "(?:\\.(?:" + HEX + ")?)?|\\." + HEX + ")[pP][+-]?" + DEC);

    /** Go's {@code strconv.ParseBool}. */
    static Boolean parseBool(String s) {
        if (TRUE.contains(s)) {
            return Boolean.TRUE;
        }
        return FALSE.contains(s) ? Boolean.FALSE : null;
    }

    /** Go's {@code ParseInt(s, 0, 64)}, widened to also accept what {@code ParseUint(s, 0, 64)} accepts. */
    static BigInteger parseInt(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        String digits = body;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char b = Character.toLowerCase(body.charAt(1));
            radix = switch (b) {
                case 'x' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                default -> 8;
            };
            digits = (b == 'x' || b == 'o' || b == 'b') ? body.substring(2) : body.substring(1);
        }
        if (!underscoresOk(body) || digits.isEmpty()) {
            return null;
        }
        String clean = digits.replace("_", "");
        if (clean.isEmpty()) {
            return null;
        }
        for (int k = 0; k < clean.length(); k++) {
            if (asciiDigit(clean.charAt(k)) >= radix) {
                return null;
            }
        }
        if (clean.length() > 70) {
            return null; // far outside 64 bits; avoids big-number work on hostile input
        }
        BigInteger value = new BigInteger(clean, radix);
        if (negative) {
            value = value.negate();
        }
        return value.compareTo(MIN_INT64) < 0 || value.compareTo(MAX_UINT64) > 0 ? null : value;
    }

    /** Go's rule: an underscore must sit between digits, or between a base prefix and a digit. */
    private static boolean underscoresOk(String body) {
        if (body.indexOf('_') < 0) {
            return true;
        }
        char saw = '^'; // start
        int i = 0;
        boolean hex = false;
        if (body.length() >= 2 && body.charAt(0) == '0' && "xXoObB".indexOf(body.charAt(1)) >= 0) {
            hex = Character.toLowerCase(body.charAt(1)) == 'x';
            i = 2;
            saw = '0';
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean digit = asciiDigit(c) < (hex ? 16 : 10);
            if (digit) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    /** The value of an ASCII digit or letter digit ({@code a}-{@code z} are 10-35), or 99 for anything else. */
    private static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = Character.toLowerCase(c);
        return lower >= 'a' && lower <= 'z' && c < 0x80 ? lower - 'a' + 10 : 99;
    }

    /** Go's {@code strconv.ParseFloat(s, 64)}; null on a syntax error or overflow. */
    static Double parseFloat(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        boolean hex = HEX_FLOAT.matcher(s).matches();
        if (!hex && !DECIMAL_FLOAT.matcher(s).matches()) {
            return null;
        }
        double d = Double.parseDouble(s.replace("_", ""));
        return Double.isInfinite(d) ? null : d;
    }
}
