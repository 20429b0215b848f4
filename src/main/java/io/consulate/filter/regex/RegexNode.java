// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import java.util.List;

/**
 * The syntax tree of a parsed pattern. Groups leave no node of their own: capture positions are never reported
 * (a filter only asks "does it match anywhere?"), and greediness is dropped for the same reason.
 */
sealed interface RegexNode {

    /** One character, which matches its case variants too when {@code foldCase} is set. */
    record Literal(int codePoint, boolean foldCase) implements RegexNode {}

    /** A bracket, Perl ({@code \d}), POSIX or Unicode ({@code \pL}) class. */
    record CharSet(CharClass charClass, boolean foldCase) implements RegexNode {}

    /** {@code .}: any character, newline only under the {@code s} flag. */
    record AnyChar(boolean matchesNewline) implements RegexNode {}

    /** A zero-width assertion: {@code ^ $ \A \z \b \B}. */
    record Assertion(Kind kind) implements RegexNode {}

    /** Items in sequence. */
    record Concat(List<RegexNode> items) implements RegexNode {}

    /** Any one of the options ({@code a|b}). */
    record Alternate(List<RegexNode> options) implements RegexNode {}

    /** {@code body} between {@code min} and {@code max} times; {@code max} is {@link #UNBOUNDED} for no limit. */
    record Repeat(RegexNode body, int min, int max) implements RegexNode {
        static final int UNBOUNDED = -1;
    }

    /** Matches the empty string: {@code ()}, an empty alternative, an empty pattern. */
    record Empty() implements RegexNode {}

    /** The zero-width assertions RE2 supports (no lookaround). */
    enum Kind {
        BEGIN_TEXT, END_TEXT, BEGIN_LINE, END_LINE, WORD_BOUNDARY, NOT_WORD_BOUNDARY
    }
}
