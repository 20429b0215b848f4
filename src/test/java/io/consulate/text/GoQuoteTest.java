// SPDX-License-Identifier: Apache-2.0
package io.consulate.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoQuoteTest {

    @Test
    void plainTextIsOnlyWrappedInQuotes() {
        assertThat(GoQuote.quote("web/a b")).isEqualTo("\"web/a b\"");
        assertThat(GoQuote.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedAsGoDoes() {
        String[][] cases = {{"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\r", "\\r"}, {"\t", "\\t"},
            {"\u0000", "\\x00"}, {"\u0007", "\\x07"}, {"\u001b", "\\x1b"}, {"\u007f", "\\x7f"}};
        for (String[] c : cases) {
            assertThat(GoQuote.quote(c[0])).as("code %d", (int) c[0].charAt(0)).isEqualTo("\"" + c[1] + "\"");
        }
    }

    @Test
    void nonAsciiTextIncludingSurrogatePairsIsKept() {
        assertThat(GoQuote.quote("caf\u00e9 \ud83d\ude00")).isEqualTo("\"caf\u00e9 \ud83d\ude00\"");
    }

    @Test
    void aHostileMixStaysOneLineAndOneLiteral() {
        String q = GoQuote.quote("a\"\n\\\u0000\"b");
        assertThat(q).isEqualTo("\"a\\\"\\n\\\\\\x00\\\"b\"");
        assertThat(q).doesNotContain("\n");
    }
}
