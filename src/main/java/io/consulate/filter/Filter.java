// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parsed {@code ?filter=} expression: Consul's filter language (go-bexpr), as accepted by the catalog, health
 * and agent list endpoints, for example {@code Service.Tags contains "primary" and NodeMeta.rack != "r2"} or
 * {@code Checks.Status == critical}.
 *
 * <p>Why: clients written for Consul send these expressions and expect the same items back. Items are matched
 * as JSON-shaped trees ({@code Map<String, Object>} keyed by the wire's PascalCase names, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}, {@code null}), so the same filter works for every endpoint
 * without per-type code; see {@link Evaluator} for the exact matching rules.
 *
 * <p>The empty expression filters nothing, as in Consul, where an absent or empty {@code filter} parameter
 * means no filtering. Instances are immutable and thread-safe; regular expressions are compiled once, by
 * {@link #parse}.
 */
public final class Filter {

    private final String expression;
    private final Expr root; // null: the empty expression, which keeps every item

    private Filter(String expression, Expr root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Parses an expression; a bad one throws FilterException whose message says where it failed, like
     * Consul's 400 text.
     *
     * @param expression the filter, at most 4096 characters, parentheses nested at most 64 deep; {@code ""}
     *     keeps every item
     * @return the parsed filter
     * @throws FilterException if the expression is malformed or over a limit, with its position
     */
    public static Filter parse(String expression) throws FilterException {
        Objects.requireNonNull(expression, "expression");
        return new Filter(expression, expression.isEmpty() ? null : ExpressionParser.parse(expression));
    }

    /**
     * Evaluates against one item: a JSON-shaped tree (Map&lt;String,Object&gt; with PascalCase keys as Consul's
     * wire types have them, List, String, Number, Boolean, null).
     *
     * @param item the tree to test
     * @return whether the item matches
     */
    public boolean matches(Object item) {
        return root == null || Evaluator.evaluate(root, item);
    }

    /**
     * Keeps the matching items, in order.
     *
     * @param items  the items to filter
     * @param asTree turns an item into the JSON-shaped tree the expression is evaluated against
     * @param <T>    the item type
     * @return a new unmodifiable list of the items that match, in their original order
     */
    public <T> List<T> apply(List<T> items, Function<T, Object> asTree) {
        List<T> kept = new ArrayList<>(root == null ? items.size() : Math.min(items.size(), 16));
        for (T item : items) {
            if (matches(asTree.apply(item))) {
                kept.add(item);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    /** The expression as given. */
    @Override
    public String toString() {
        return expression;
    }
}
