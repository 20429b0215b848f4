// SPDX-License-Identifier: Apache-2.0
package io.consulate.text;

/**
 * How much of a value a client sent an error message repeats: enough to recognise it, never the whole of
 * a hostile megabyte. One copy, so every session and KV error cuts alike.
 */
public final class Echo {
    /** Characters kept before the "..." mark. */
    public static final int MAX = 64;

    private Echo() {
    }

    /** {@code s} as is when short, else its first {@value #MAX} characters and "...". */
    public static String abbreviate(String s) {
        return s.length() > MAX ? s.substring(0, MAX) + "..." : s;
    }
}
