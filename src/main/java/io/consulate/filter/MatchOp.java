// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

/**
 * The matching operators. {@code contains} is {@link #IN} with the operands the other way round, as in
 * go-bexpr. Each negated operator is the exact complement of its positive one at a single value; the two
 * differ only where a selector crosses a list, because each element is tested with the operator as written
 * and any element's success makes the match true.
 */
enum MatchOp {
    EQUAL("=="),
    NOT_EQUAL("!="),
    IN("in"),
    NOT_IN("not in"),
    IS_EMPTY("is empty"),
    IS_NOT_EMPTY("is not empty"),
    MATCHES("matches"),
    NOT_MATCHES("not matches");

    private final String text;

    MatchOp(String text) {
        this.text = text;
    }

    /** Whether this is the complement of {@link #positive()}. */
    boolean negated() {
        return this == NOT_EQUAL || this == NOT_IN || this == IS_NOT_EMPTY || this == NOT_MATCHES;
    }

    /** The positive form: {@code NOT_IN} gives {@code IN}. */
    MatchOp positive() {
        return switch (this) {
            case NOT_EQUAL -> EQUAL;
            case NOT_IN -> IN;
            case IS_NOT_EMPTY -> IS_EMPTY;
            case NOT_MATCHES -> MATCHES;
            default -> this;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
