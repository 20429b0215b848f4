// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import io.consulate.filter.regex.GoRegex;
import java.math.BigInteger;

/**
 * A value from the expression: the raw text (a string literal's content, a number as written, or a bare word)
 * and, worked out once at parse time, what it coerces to for each kind of field — go-bexpr coerces the raw
 * value to the type of the field it is compared with. A null coercion means the raw text is not of that type.
 *
 * @param raw      the value as go-bexpr sees it
 * @param integer  the value for integer fields ({@code ParseInt}, base 0), or null
 * @param floating the value for floating-point fields ({@code ParseFloat}), or null
 * @param bool     the value for boolean fields ({@code ParseBool}), or null
 * @param regex    the compiled pattern when the operator is {@code matches}, or null
 */
record Literal(String raw, BigInteger integer, Double floating, Boolean bool, GoRegex regex) {

    static Literal of(String raw) {
        return new Literal(raw, GoValues.parseInt(raw), GoValues.parseFloat(raw), GoValues.parseBool(raw), null);
    }

    Literal withRegex(GoRegex compiled) {
        return new Literal(raw, integer, floating, bool, compiled);
    }
}
