// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Case variants of a character for the {@code i} flag, an approximation of Go's Unicode simple case folding
 * ({@code unicode.SimpleFold}) built from Java's case mappings.
 *
 * <p>Two characters are variants when upper-casing then lower-casing gives the same character, which groups
 * {@code k K} with the Kelvin sign and {@code s S} with the long s, as Go does. The Turkish dotted and dotless
 * i are kept apart, because Unicode folds them only under the Turkic rule that Go does not apply. The table is
 * built once, on first use, by scanning the planes that hold cased characters (up to {@link #LAST_CASED}).
 */
final class CaseFolding {

    private CaseFolding() {}

    /** No character above the Supplementary Multilingual Plane has a case mapping. */
    static final int LAST_CASED = 0x1FFFF;

    /** The characters that fold together with {@code c}, including {@code c}; a one-element array if none. */
    static int[] variants(int c) {
        int i = Arrays.binarySearch(Table.CODE_POINTS, c);
        return i >= 0 ? Table.ORBITS[i] : new int[] {c};
    }

    /** Whether {@code test} accepts any case variant of {@code c} other than {@code c} itself. */
    static boolean anyVariant(int c, IntPredicate test) {
        int i = Arrays.binarySearch(Table.CODE_POINTS, c);
        if (i < 0) {
            return false;
        }
        for (int v : Table.ORBITS[i]) {
            if (v != c && test.test(v)) {
                return true;
            }
        }
        return false;
    }

    private static int key(int c) {
        if (c == 0x130 || c == 0x131) {
            return c; // dotted capital I and dotless small i fold only under the Turkic rule
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Lazily built: sorted code points that have variants, and each one's orbit. */
    private static final class Table {
        static final int[] CODE_POINTS;
        static final int[][] ORBITS;

        static {
            TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
            for (int c = 0; c <= LAST_CASED; c++) {
                if (Character.toUpperCase(c) != c || Character.toLowerCase(c) != c) {
                    groups.computeIfAbsent(key(c), x -> new ArrayList<>()).add(c);
                }
            }
            TreeMap<Integer, int[]> orbits = new TreeMap<>();
            for (var entry : groups.entrySet()) {
                List<Integer> members = new ArrayList<>(entry.getValue());
                if (!members.contains(entry.getKey())) {
                    members.add(entry.getKey());
                }
                if (members.size() < 2) {
                    continue;
                }
                int[] orbit = members.stream().mapToInt(Integer::intValue).sorted().toArray();
                for (int m : orbit) {
                    orbits.put(m, orbit);
                }
            }
            CODE_POINTS = orbits.keySet().stream().mapToInt(Integer::intValue).toArray();
            ORBITS = orbits.values().toArray(new int[0][]);
        }
    }
}
