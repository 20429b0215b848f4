// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text tables in the two layouts Consul's CLI prints, so output can be diffed against (and parsed
 * like) Consul's.
 */
final class Columns {
    private Columns() {}

    /**
     * The {@code columnize} layout ({@code consul members}): cells trimmed, every column but the last padded to
     * its widest cell, columns joined by two spaces, the last column never padded.
     */
    static String columnize(List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int w = width(row.get(i).strip());
                if (widths.size() <= i) {
                    widths.add(w);
                } else if (widths.get(i) < w) {
                    widths.set(i, w);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i).strip();
                sb.append(cell);
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(widths.get(i) - width(cell))).append("  ");
                }
            }
            sb.append('\n');
        }
        return sb.isEmpty() ? "" : sb.substring(0, sb.length() - 1);
    }

    /** Display width as Go's fmt pads: one per code point. */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
