// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import java.util.Objects;

/**
 * A regular expression with Go's {@code regexp} syntax and semantics, for the {@code matches} operator of
 * Consul's filter language: {@link #find} answers what Go's {@code regexp.MatchString} would.
 *
 * <p>Why not {@link java.util.regex.Pattern}: Java accepts constructs Go rejects (backreferences, lookaround,
 * possessive quantifiers), reads some text differently ({@code [[:alpha:]]}, {@code \v}, {@code $} before a
 * final newline, a brace that starts no repeat count) and backtracks, so a hostile filter such as
 * {@code (a+)+b} could pin a server thread. This engine parses Go's grammar exactly and matches with a state-set
 * simulation whose time is linear in the input for a given pattern.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class GoRegex {

    private final String pattern;
    private final Program program;

    private GoRegex(String pattern, Program program) {
        this.pattern = pattern;
        this.program = program;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the expression in Go (RE2) syntax
     * @return the compiled expression
     * @throws GoRegexSyntaxException if Go would reject the pattern, or it compiles to more than
     *     {@value Program#MAX_INSTRUCTIONS} instructions, or groups nest deeper than
     *     {@value RegexParser#MAX_NESTING}
     */
    public static GoRegex compile(String pattern) throws GoRegexSyntaxException {
        Objects.requireNonNull(pattern, "pattern");
        return new GoRegex(pattern, Program.compile(RegexParser.parse(pattern), pattern));
    }

    /**
     * Whether the expression matches anywhere in {@code input} (unanchored, like Go's {@code MatchString}).
     *
     * @param input the text to search
     * @return true if some substring matches
     */
    public boolean find(CharSequence input) {
        return program.find(input);
    }

    /** The source pattern. */
    @Override
    public String toString() {
        return pattern;
    }
}
