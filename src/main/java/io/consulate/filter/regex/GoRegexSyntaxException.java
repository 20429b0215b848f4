// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

/**
 * A pattern is not valid Go (RE2) regular-expression syntax, or it is too large to run in bounded time.
 *
 * <p>Why its own type: filter expressions must fail at parse time with Consul's 400 text, and the message
 * follows Go's {@code regexp/syntax} format ({@code error parsing regexp: missing closing ): `(a`}) so that
 * clients that show Consul's error to a user see the same words.
 */
public final class GoRegexSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception from Go's error code text and the offending part of the pattern. */
    GoRegexSyntaxException(String code, String fragment) {
        super("error parsing regexp: " + code + ": `" + fragment + "`");
    }

    // Go's regexp/syntax error codes, with Go's wording.
    static final String INVALID_CHAR_CLASS = "invalid character class";
    static final String INVALID_CHAR_RANGE = "invalid character class range";
    static final String INVALID_ESCAPE = "invalid escape sequence";
    static final String INVALID_NAMED_CAPTURE = "invalid named capture";
    static final String INVALID_PERL_OP = "invalid or unsupported Perl syntax";
    static final String INVALID_REPEAT_OP = "invalid nested repetition operator";
    static final String INVALID_REPEAT_SIZE = "invalid repeat count";
    static final String MISSING_BRACKET = "missing closing ]";
    static final String MISSING_PAREN = "missing closing )";
    static final String MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
    static final String TRAILING_BACKSLASH = "trailing backslash at end of expression";
    static final String UNEXPECTED_PAREN = "unexpected )";
    static final String NESTING_DEPTH = "expression nests too deeply";
    static final String DUPLICATE_NAME = "duplicate capture group name";
    static final String TOO_LARGE = "expression too large";
}
