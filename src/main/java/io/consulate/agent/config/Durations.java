// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.time.Duration;
import java.util.Map;

/**
 * Go duration strings ({@code "10s"}, {@code "1h30m"}, {@code "1.5s"}), parsed and printed exactly as Go's
 * {@code time.ParseDuration} and {@code time.Duration.String()} do.
 *
 * <p>Why: every duration in a Consul config file, query parameter ({@code ?wait=5m}) and API body
 * ({@code "Interval": "10s"}) is a Go duration, and what we print back must be byte-identical to what Consul
 * prints, because clients compare and round-trip these strings. Like Go, the representable range is a signed
 * 64-bit count of nanoseconds (about ±292 years); anything outside it is rejected rather than clamped.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Durations {

    /** 2^63 viewed as an unsigned 64-bit value: the largest magnitude a Go duration can hold (for negatives). */
    private static final long TWO_63 = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Go's unit table; both the micro sign (U+00B5) and the Greek mu (U+03BC) are accepted for micro. */
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND,
            "h", 3600 * NANOS_PER_SECOND);

    private Durations() {
    }

    /**
     * Parses a Go duration string: an optional sign followed by one or more decimal numbers, each with an
     * optional fraction and a required unit ({@code ns us µs ms s m h}), such as {@code "300ms"},
     * {@code "-1.5h"} or {@code "2h45m"}. The lone string {@code "0"} (optionally signed) needs no unit.
     *
     * @param s the text to parse
     * @return the duration, exact to the nanosecond with Go's rounding of fractions
     * @throws IllegalArgumentException naming {@code s} when it is not a valid Go duration or overflows
     */
    public static Duration parseGo(String s) {
        if (s == null) {
            throw new IllegalArgumentException("time: invalid duration null");
        }
        String orig = s;
        int i = 0;
        int n = s.length();
        boolean neg = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (n - i == 1 && s.charAt(i) == '0') {
            return Duration.ZERO;
        }
        if (i == n) {
            throw invalid(orig);
        }
        long total = 0; // unsigned
        while (i < n) {
            char c = s.charAt(i);
            if (c != '.' && !isDigit(c)) {
                throw invalid(orig);
            }
            // Integer part, rejecting anything above 2^63.
            int start = i;
            long v = 0;
            for (; i < n && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            boolean pre = i != start;
            // Fraction part: digits beyond what fits are consumed but ignored, as Go does.
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                for (; i < n && isDigit(s.charAt(i)); i++) {
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(y, TWO_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < n && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            String u = s.substring(unitStart, i);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + quote(u) + " in duration " + quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f != 0) { // unsigned f > 0
                // Go computes the fraction in float64, truncating towards zero; we mirror it bit for bit.
                v += (long) (unsignedToDouble(f) * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            total += v;
            if (Long.compareUnsigned(total, TWO_63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return Duration.ofNanos(-total); // -(2^63) wraps to Long.MIN_VALUE, which is exactly right
        }
        if (total == TWO_63) {
            throw invalid(orig);
        }
        return Duration.ofNanos(total);
    }

    /**
     * Formats a duration the way Go's {@code Duration.String()} does: {@code "72h3m0.5s"}, {@code "1.5s"},
     * {@code "100ms"}, {@code "2µs"}, {@code "0s"}. Durations under one second use the largest unit that keeps the
     * integer part non-zero; trailing zeros of fractions are dropped.
     *
     * @param d the duration to format
     * @return Go's text for it
     * @throws IllegalArgumentException when {@code d} does not fit in a signed 64-bit nanosecond count
     */
    public static String formatGo(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration out of Go's range: " + d, e);
        }
        char[] buf = new char[32];
        int w = buf.length;
        boolean neg = nanos < 0;
        long u = neg ? -nanos : nanos; // unsigned magnitude; Long.MIN_VALUE stays 2^63
        if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
            buf[--w] = 's';
            int prec;
            if (u == 0) {
                return "0s";
            } else if (u < 1_000L) {
                prec = 0;
                buf[--w] = 'n';
            } else if (u < 1_000_000L) {
                prec = 3;
                buf[--w] = '\u00b5';
            } else {
                prec = 6;
                buf[--w] = 'm';
            }
            long pow = pow10(prec);
            w = formatFraction(buf, w, u % pow, prec);
            w = formatInt(buf, w, u / pow);
        } else {
            buf[--w] = 's';
            w = formatFraction(buf, w, Long.remainderUnsigned(u, NANOS_PER_SECOND), 9);
            long secs = Long.divideUnsigned(u, NANOS_PER_SECOND); // now fits in a signed long
            w = formatInt(buf, w, secs % 60);
            long mins = secs / 60;
            if (mins > 0) {
                buf[--w] = 'm';
                w = formatInt(buf, w, mins % 60);
                long hours = mins / 60;
                if (hours > 0) {
                    buf[--w] = 'h';
                    w = formatInt(buf, w, hours);
                }
            }
        }
        if (neg) {
            buf[--w] = '-';
        }
        return new String(buf, w, buf.length - w);
    }

    /** Writes {@code .ddd} for a fraction of {@code prec} digits, dropping trailing zeros and a bare dot. */
    private static int formatFraction(char[] buf, int w, long fraction, int prec) {
        boolean print = false;
        long v = fraction;
        for (int i = 0; i < prec; i++) {
            int digit = (int) (v % 10);
            print = print || digit != 0;
            if (print) {
                buf[--w] = (char) ('0' + digit);
            }
            v /= 10;
        }
        if (print) {
            buf[--w] = '.';
        }
        return w;
    }

    private static int formatInt(char[] buf, int w, long v) {
        if (v == 0) {
            buf[--w] = '0';
            return w;
        }
        for (long x = v; x > 0; x /= 10) {
            buf[--w] = (char) ('0' + (x % 10));
        }
        return w;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : ((double) (v >>> 1)) * 2.0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + quote(orig));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
