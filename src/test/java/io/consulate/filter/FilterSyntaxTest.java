// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar: precedence, parentheses, whitespace, selector forms, value forms and string escapes. */
class FilterSyntaxTest {

    private static boolean matches(String expression, Object item) throws FilterException {
        return Filter.parse(expression).matches(item);
    }

    private static Map<String, Object> abc(int a, int b, int c) {
        return Map.of("a", a, "b", b, "c", c);
    }

    @Test
    void andBindsTighterThanOr() throws FilterException {
        // a or (b and c), not (a or b) and c
        assertThat(matches("a == 1 or b == 1 and c == 1", abc(1, 0, 0))).isTrue();
        assertThat(matches("b == 1 and c == 1 or a == 1", abc(1, 0, 0))).isTrue();
        assertThat(matches("a == 1 or b == 1 and c == 1", abc(0, 1, 0))).isFalse();
    }

    @Test
    void notBindsTighterThanAnd() throws FilterException {
        // (not a) and b, not not (a and b)
        assertThat(matches("not a == 1 and b == 1", abc(0, 0, 0))).isFalse();
        assertThat(matches("not a == 1 and b == 1", abc(0, 1, 0))).isTrue();
        assertThat(matches("not a == 1 or b == 1", abc(1, 1, 0))).isTrue();
    }

    @Test
    void parenthesesOverridePrecedence() throws FilterException {
        assertThat(matches("(a == 1 or b == 1) and c == 1", abc(1, 0, 0))).isFalse();
        assertThat(matches("not (a == 1 and b == 1)", abc(0, 0, 0))).isTrue();
        assertThat(matches("not (a == 1 or b == 1)", abc(0, 1, 0))).isFalse();
        assertThat(matches("(a == 1)", abc(1, 0, 0))).isTrue();
        assertThat(matches("((((a == 1))))", abc(1, 0, 0))).isTrue();
        assertThat(matches("(a == 1) and ((b == 0) or (c == 1))", abc(1, 0, 0))).isTrue();
    }

    @Test
    void repeatedNotsCancelInPairs() throws FilterException {
        assertThat(matches("not not a == 1", abc(1, 0, 0))).isTrue();
        assertThat(matches("not not not a == 1", abc(1, 0, 0))).isFalse();
        assertThat(matches("not ".repeat(1000) + "a == 1", abc(1, 0, 0))).isTrue();
    }

    @Test
    void longChainsOfAndOrDoNotRecurseDeeply() throws FilterException {
        String chain = String.join(" and ", java.util.Collections.nCopies(350, "a == 1"));
        assertThat(matches(chain, abc(1, 0, 0))).isTrue();
        String ors = String.join(" or ", java.util.Collections.nCopies(350, "a == 2")) + " or b == 0";
        assertThat(matches(ors, abc(1, 0, 0))).isTrue();
    }

    @Test
    void parenthesesMayNestSixtyFourDeep() throws FilterException {
        String expr = "(".repeat(64) + "a == 1" + ")".repeat(64);
        assertThat(matches(expr, abc(1, 0, 0))).isTrue();
    }

    @Test
    void whitespaceIsSpaceTabCarriageReturnAndNewline() throws FilterException {
        assertThat(matches("\t\r\n  a \t\r\n == \t\r\n 1 \t\r\n", abc(1, 0, 0))).isTrue();
        assertThat(matches("\n(\ta==1\r)\nand\nb==0", abc(1, 0, 0))).isTrue();
        assertThat(matches("a==1", abc(1, 0, 0))).isTrue();
    }

    @Test
    void wordOperatorsNextToParenthesesAndQuotesNeedNoSpaces() throws FilterException {
        assertThat(matches("(a == 1)and(b == 0)", abc(1, 0, 0))).isTrue();
        assertThat(matches("\"x\"in Tags", Map.of("Tags", List.of("x")))).isTrue();
    }

    @Test
    void selectorsMayStartWithAKeywordAndKeywordsMayFollowADot() throws FilterException {
        Map<String, Object> item = Map.of("notes", "n", "order", 1, "android", true, "index", 2, "isolated", "i",
                "Meta", Map.of("and", "x", "or", "y", "not", "z"));
        assertThat(matches("notes == n and order == 1 and android == true", item)).isTrue();
        assertThat(matches("index == 2 and isolated == i", item)).isTrue();
        assertThat(matches("Meta.and == x and Meta.or == y and Meta.not == z", item)).isTrue();
        assertThat(matches("Meta.not != x", item)).isTrue();
    }

    @Test
    void keywordsAreFineAsBareValues() throws FilterException {
        Map<String, Object> item = Map.of("Word", "and", "Other", "or");
        assertThat(matches("Word == and and Other == or", item)).isTrue();
        assertThat(matches("Word == not or Other == or", item)).isTrue();
    }

    @Test
    void aWordNotFollowedByAnOperatorIsASelectorNamedNot() throws FilterException {
        assertThat(matches("not == 1", Map.of("not", 1))).isTrue();
        assertThat(matches("not != 1", Map.of("not", 2))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Meta.version == v1.2           | true
            Meta.version == "v1.2"         | true
            Meta.dotted == a.b.c           | true
            Meta.indexed == a["b c"]       | true
            Meta.numbered == x.0           | true
            Meta.empty == ""               | true
            Meta.empty == ``               | true
            Meta.negative == -0.25         | true
            Meta.zero == 0                 | true
            Meta.0 == "zero-key"           | true
            Meta["0"] == "zero-key"        | true
            """)
    void bareWordsDottedValuesAndNumbersAreRawText(String expression, boolean expected) throws FilterException {
        Map<String, Object> item = Map.of("Meta", Map.of("version", "v1.2", "dotted", "a.b.c", "indexed", "a.b c",
                "numbered", "x.0", "empty", "", "negative", "-0.25", "zero", "0", "0", "zero-key"));
        assertThat(matches(expression, item)).isEqualTo(expected);
    }

    @Test
    void doubleQuotedStringsExpandGoEscapes() throws FilterException {
        Map<String, Object> item = Map.of("V", "a\tb\n\"c\"\\", "A", "A", "E", "é", "S", "😀", "Bell", "\u0007\u000B");
        assertThat(matches("V == \"a\\tb\\n\\\"c\\\"\\\\\"", item)).isTrue();
        assertThat(matches("A == \"\\x41\" and A == \"\\101\" and A == \"\\u0041\"", item)).isTrue();
        assertThat(matches("E == \"\\u00e9\" and E == \"\\xc3\\xa9\" and E == \"\\U000000E9\"", item)).isTrue();
        assertThat(matches("S == \"\\U0001F600\" and S == \"😀\"", item)).isTrue();
        assertThat(matches("Bell == \"\\a\\v\"", item)).isTrue();
    }

    @Test
    void backtickStringsAreRawAndDropCarriageReturns() throws FilterException {
        Map<String, Object> item = Map.of("V", "a\\tb", "Multi", "x\ny");
        assertThat(matches("V == `a\\tb`", item)).isTrue();
        assertThat(matches("V == \"a\\tb\"", item)).isFalse();
        assertThat(matches("Multi == `x\r\ny`", item)).isTrue();
    }

    @Test
    void selectorIndexesAcceptAnyKeyIncludingSpacesAndUnicode() throws FilterException {
        Map<String, Object> item = Map.of("M", Map.of("abc-def ghi åß∂ƒ", "v", "a.b", "dot"));
        assertThat(matches("M[\"abc-def ghi åß∂ƒ\"] == v", item)).isTrue();
        assertThat(matches("M[\"a.b\"] == dot", item)).isTrue();
        assertThat(matches("M.a.b == dot", item)).isFalse(); // two keys, not one key with a dot
    }

    @Test
    void mapKeysAndFieldNamesAreCaseSensitive() throws FilterException {
        assertThat(matches("service.service == web", Items.healthEntry())).isFalse();
        assertThat(matches("Service.Service == WEB", Items.healthEntry())).isFalse();
    }

    @Test
    void emptyExpressionKeepsEverything() throws FilterException {
        Filter all = Filter.parse("");
        assertThat(all.matches(Items.healthEntry())).isTrue();
        assertThat(all.matches(null)).isTrue();
        assertThat(all.apply(List.of(1, 2, 3), i -> i)).containsExactly(1, 2, 3);
    }

    @Test
    void applyKeepsOrderAndReturnsAnUnmodifiableList() throws FilterException {
        List<Map<String, Object>> kept = Filter.parse("Port == 1234").apply(Items.agentServices(), s -> s);
        assertThat(kept).extracting(s -> s.get("ID")).containsExactly("redis1", "redis3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.add(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nonMapItemsHaveNoFields() throws FilterException {
        assertThat(matches("A == b", "just a string")).isFalse();
        assertThat(matches("A != b", null)).isTrue();
        assertThat(matches("A is empty", 42)).isTrue();
    }

    @Test
    void toStringGivesTheExpressionBack() throws FilterException {
        assertThat(Filter.parse("a == 1")).hasToString("a == 1");
    }
}
