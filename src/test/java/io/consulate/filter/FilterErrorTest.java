// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed expressions fail with go-bexpr's position format and, where go-bexpr has one, its wording. */
class FilterErrorTest {

    private static FilterException failure(String expression) {
        return catchThrowableOfType(FilterException.class, () -> Filter.parse(expression));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            foo == "12x        | 1:12 (11): rule "string": Unterminated string literal
            foo == `12x        | 1:12 (11): rule "string": Unterminated string literal
            foo == 3x          | 1:9 (8): rule "number": Invalid number literal
            foo[3] == abc      | 1:5 (4): rule "index": Invalid index
            x in foo["abc"     | 1:15 (14): rule "index": Unclosed index expression
            foo["abc" == 3     | 1:11 (10): rule "index": Unclosed index expression
            x in 32            | 1:6 (5): rule "match": Invalid selector
            (foo == 4          | 1:10 (9): rule "grouping": Unmatched parentheses
            """)
    void errorsMatchGoBexprTextAndPosition(String expression, String message) {
        assertThat(failure(expression)).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            32 == 32              | 3  | no match found, expected: "in" or "not in"
            x in foo abc          | 9  | no match found, expected: "and", "or" or end of input
            ~x in foo and ~       | 13 | no match found, expected: "(", "not", a selector or a value
            ~x in foo or not ~    | 16 | no match found
            a ==                  | 4  | expected: a value
            == a                  | 0  | no match found
            a                     | 1  | expected: "==", "!="
            a is                  | 4  | expected: "empty" or "not empty"
            a is not              | 8  | expected: "empty"
            a is full             | 5  | expected: "empty" or "not empty"
            a not b               | 2  | expected: "==", "!="
            "x" == a              | 4  | expected: "in" or "not in"
            "x" not contains a    | 4  | expected: "in" or "not in"
            ()                    | 1  | no match found
            a == 1)               | 6  | expected: "and", "or" or end of input
            a == 1 b == 2         | 7  | expected: "and", "or" or end of input
            Service.ID == web-1   | 17 | expected: "and", "or" or end of input
            Node.Address == 10.0.0.1 | 20 | Invalid number literal
            a == 007              | 6  | Invalid number literal
            a == 1.               | 6  | Invalid number literal
            a == 1e5              | 6  | Invalid number literal
            a == -x               | 5  | expected: a value
            a == 'single'         | 5  | expected: a value
            Foo. == 1             | 3  | expected: "==", "!="
            a[] == 1              | 2  | Invalid index
            a == "\\q"            | 6  | bad escape sequence \\q
            a == "\\x4"           | 6  | bad escape sequence \\x
            a == "\\ud800"        | 6  | bad escape sequence \\u
            a == "\\U00110000"    | 6  | bad escape sequence \\U
            a == "\\400"          | 6  | bad escape sequence \\4
            a == "\\'"            | 6  | bad escape sequence \\'
            é == 1                | 0  | no match found
            a == 1 && b == 2      | 7  | expected: "and", "or" or end of input
            a = 1                 | 2  | expected: "==", "!="
            """)
    void malformedExpressionsReportWhereAndWhat(String expression, int position, String reasonPart) {
        FilterException e = failure(expression);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.position()).as(expression).isEqualTo(position);
        assertThat(e.getMessage()).startsWith("1:" + (position + 1) + " (" + position + "): ").contains(reasonPart);
    }

    @Test
    void positionsCountLinesAndColumns() {
        FilterException e = failure("a == 1 and\n  b ==");
        assertThat(e.position()).isEqualTo(17);
        assertThat(e.getMessage()).startsWith("2:7 (17): ");
    }

    @Test
    void newlineInsideDoubleQuotesIsRejectedButAllowedInBackticks() throws FilterException {
        assertThat(failure("a == \"x\ny\"")).hasMessageContaining("newline in string");
        assertThat(Filter.parse("a == `x\ny`").matches(java.util.Map.of("a", "x\ny"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void emptyExpressionFiltersNothingButBlankOneIsAnError(String expression) {
        if (expression.isEmpty()) {
            assertThat(failure(expression)).isNull();
        } else {
            assertThat(failure(expression)).hasMessageStartingWith("1:2 (1): no match found");
        }
    }

    @Test
    void invalidRegularExpressionFailsAtParseTimeWithGoText() {
        FilterException e = failure("Service.Service matches \"(web\"");
        assertThat(e.position()).isEqualTo(24);
        assertThat(e).hasMessage("1:25 (24): Failed to compile regular expression \"(web\": "
                + "error parsing regexp: missing closing ): `(web`");
        assertThat(failure("a matches `\\1`")).hasMessageContaining("invalid escape sequence: `\\1`");
        assertThat(failure("a not matches \"(?=x)\"")).hasMessageContaining("invalid or unsupported Perl syntax");
    }

    @Test
    void regularExpressionsAreNotCompiledForOtherOperators() throws FilterException {
        assertThat(Filter.parse("a == \"(\"").matches(java.util.Map.of("a", "("))).isTrue();
    }

    @Test
    void parenthesesNestedDeeperThanSixtyFourAreRejected() {
        String expr = "(".repeat(65) + "a == 1" + ")".repeat(65);
        assertThat(failure(expr)).hasMessage("1:65 (64): parentheses nest deeper than 64 levels");
    }

    @Test
    @Timeout(5)
    void tenThousandOpenParenthesesFailQuicklyWithoutStackOverflow() {
        assertThat(failure("(".repeat(10_000))).isNotNull();
        assertThat(failure("(".repeat(2_000))).hasMessageContaining("nest deeper");
        assertThat(failure("(".repeat(4_000) + "a == 1" + ")".repeat(4_000))).isNotNull();
        assertThat(failure("not (".repeat(800))).hasMessageContaining("nest deeper");
    }

    @Test
    @Timeout(5)
    void expressionsOverTheLengthLimitAreRejectedBeforeParsing() {
        String huge = "a == 1 and ".repeat(200_000) + "a == 1";
        FilterException e = failure(huge);
        assertThat(e.position()).isEqualTo(4096);
        assertThat(e).hasMessageContaining("the limit is 4096");
        String atLimit = "a == \"" + "x".repeat(4096 - 7) + "\"";
        assertThat(atLimit).hasSize(4096);
        assertThat(failure(atLimit)).isNull();
        assertThat(failure(atLimit + " ")).isNotNull();
    }

    @Test
    @Timeout(5)
    void unterminatedStringsAndIndexesAtTheLimitFailQuickly() {
        assertThat(failure("a == \"" + "\\\\".repeat(2000))).hasMessageContaining("Unterminated");
        assertThat(failure("a[\"" + "x".repeat(4000))).hasMessageContaining("Unterminated");
        assertThat(failure("a" + "[\"k\"]".repeat(800) + " ==")).hasMessageContaining("expected: a value");
    }

    @Test
    void nullExpressionIsAProgrammingError() {
        assertThatThrownBy(() -> Filter.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void hostileRegularExpressionIsBoundedAtParseAndMatchTime() throws FilterException {
        assertThat(failure("a matches \"(x{1000}){1000}\"")).hasMessageContaining("invalid repeat count");
        Filter redos = Filter.parse("a matches \"^(a+)+$\"");
        java.util.Map<String, Object> item = java.util.Map.of("a", "a".repeat(20_000) + "!");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(redos.matches(item)).isFalse());
    }
}
