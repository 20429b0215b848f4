// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a parsed expression against a JSON-shaped item, with go-bexpr's (v0.1.2, the version Consul uses)
 * semantics:
 *
 * <ul>
 *   <li>A selector follows map keys. Where it meets a list before its end, each element is tried with the rest
 *       of the selector and the operator as written, and the match is true if any element matches: on a health
 *       entry {@code Checks.Status == passing} means "some check passes" and {@code Checks.Status != passing}
 *       "some check does not pass" (so {@code not Checks.Status != passing} means "all pass", an idiom Consul
 *       itself uses). An empty list matches nothing, for every operator.
 *   <li>A missing key, a JSON null, or a selector that runs into a string, number or boolean before its end
 *       leaves no value: {@code ==}, {@code in}, {@code matches} and {@code is not empty} are false there, and
 *       their negations true. (Consul rejects selectors unknown to its Go types with a 400; without those types
 *       every selector is accepted and an unknown one behaves as missing.)
 *   <li>The raw value is coerced to the field's type: booleans by {@code ParseBool}, integers by
 *       {@code ParseInt} with base 0, floating-point numbers by {@code ParseFloat}; a value that does not
 *       coerce equals nothing.
 *   <li>{@code in}/{@code contains} is substring search on a string, element equality on a list and key
 *       presence on a map; {@code is empty} applies to strings, lists and maps; {@code matches} to strings.
 *       An operator applied to a kind of value it does not support is false (its negation true), where Consul
 *       would have refused the expression for that field type.
 * </ul>
 *
 * <p>Time is linear in the item: a match expression visits each node of the item at most once.
 */
final class Evaluator {

    private Evaluator() {}

    /** Marks "no value here" (missing key, null, or a path through a scalar). */
    private static final Object ABSENT = new Object();

    static boolean evaluate(Expr expr, Object item) {
        return switch (expr) {
            case Expr.And and -> {
                for (Expr term : and.terms()) {
                    if (!evaluate(term, item)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Expr.Or or -> {
                for (Expr term : or.terms()) {
                    if (evaluate(term, item)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Expr.Not not -> !evaluate(not.operand(), item);
            case Expr.Match match -> matchAny(match, item);
        };
    }

    /** Walks the selector without recursion; lists before the end fan out, and any leaf that matches wins. */
    private static boolean matchAny(Expr.Match match, Object item) {
        List<String> path = match.selector().path();
        ArrayDeque<Object> values = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        values.push(item == null ? ABSENT : item);
        depths.push(0);
        while (!values.isEmpty()) {
            Object value = values.pop();
            int depth = depths.pop();
            if (depth == path.size() || value == ABSENT) {
                if (leaf(match, value)) {
                    return true;
                }
            } else if (value instanceof Map<?, ?> map) {
                Object child = map.get(path.get(depth));
                values.push(child == null ? ABSENT : child);
                depths.push(depth + 1);
            } else if (value instanceof Collection<?> list) {
                for (Object element : list) {
                    values.push(element == null ? ABSENT : element);
                    depths.push(depth);
                }
            } else if (leaf(match, ABSENT)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leaf(Expr.Match match, Object value) {
        boolean positive = positive(match.op().positive(), value, match.value());
        return match.op().negated() != positive;
    }

    private static boolean positive(MatchOp op, Object value, Literal literal) {
        if (value == ABSENT) {
            return op == MatchOp.IS_EMPTY;
        }
        return switch (op) {
            case EQUAL -> equalsScalar(value, literal);
            case IN -> contains(value, literal);
            case IS_EMPTY -> isEmpty(value);
            case MATCHES -> value instanceof CharSequence s && literal.regex().find(s);
            default -> throw new IllegalStateException("not a positive operator: " + op);
        };
    }

    private static boolean contains(Object value, Literal literal) {
        if (value instanceof Map<?, ?> map) {
            return map.containsKey(literal.raw());
        }
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (element != null && equalsScalar(element, literal)) {
                    return true;
                }
            }
            return false;
        }
        return value instanceof CharSequence s && s.toString().contains(literal.raw());
    }

    private static boolean isEmpty(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty();
        }
        return value instanceof CharSequence s && s.isEmpty();
    }

    /** Equality of a scalar field with the literal coerced to the field's type. */
    private static boolean equalsScalar(Object value, Literal literal) {
        if (value instanceof CharSequence s) {
            return s.toString().equals(literal.raw());
        }
        if (value instanceof Boolean b) {
            return b.equals(literal.bool());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            BigInteger wanted = literal.integer();
            return wanted != null && wanted.bitLength() < 64 && wanted.longValue() == ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.equals(literal.integer());
        }
        if (value instanceof Float f) {
            return literal.floating() != null && f == literal.floating().floatValue();
        }
        if (value instanceof Double || value instanceof BigDecimal) {
            return literal.floating() != null && ((Number) value).doubleValue() == literal.floating();
        }
        return false;
    }
}
