// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.util.List;

/** A parsed expression. {@code and} and {@code or} chains are flat lists so that long chains stay shallow. */
sealed interface Expr {

    /** True when every term is (evaluated left to right, stopping at the first false). */
    record And(List<Expr> terms) implements Expr {
        public And {
            terms = List.copyOf(terms);
        }
    }

    /** True when any term is (evaluated left to right, stopping at the first true). */
    record Or(List<Expr> terms) implements Expr {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    /** The complement of its operand. */
    record Not(Expr operand) implements Expr {}

    /** One matching expression; {@code value} is null for {@code is empty} and {@code is not empty}. */
    record Match(Selector selector, MatchOp op, Literal value) implements Expr {}
}
