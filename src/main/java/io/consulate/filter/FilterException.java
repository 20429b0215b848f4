// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

/**
 * A filter expression could not be parsed. The message reads like go-bexpr's, which Consul returns in its 400
 * response: {@code 1:12 (11): rule "string": Unterminated string literal} gives the line, the column and the
 * zero-based offset, then what was wrong there.
 *
 * <p>Why a checked exception: a bad {@code ?filter=} is a client mistake that the HTTP layer must turn into a
 * 400, never a 500. Consul's body is this message prefixed with
 * {@code "Failed to create boolean expression evaluator: "}.
 */
public final class FilterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    FilterException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** An error at {@code offset} in {@code source}, with the {@code line:column (offset): } prefix. */
    static FilterException at(String source, int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, source.length());
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        return new FilterException(line + ":" + column + " (" + offset + "): " + reason, offset);
    }

    /**
     * Where parsing failed.
     *
     * @return the zero-based character offset into the expression
     */
    public int position() {
        return position;
    }
}
