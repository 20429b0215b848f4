// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonConfigParserTest {

    private static Map<String, Object> parse(String text) throws ConfigException {
        return JsonConfigParser.parse(text, "c.json");
    }

    @Test
    void readsAnObjectIntoPlainJavaValuesInOrder() throws Exception {
        Map<String, Object> m = parse("""
                {"s": "x", "i": 8500, "f": 1.5, "b": true, "l": ["a", 1], "o": {"k": false}}
                """);
        assertThat(m).containsExactly(
                Map.entry("s", "x"),
                Map.entry("i", 8500L),
                Map.entry("f", 1.5),
                Map.entry("b", true),
                Map.entry("l", List.of("a", 1L)),
                Map.entry("o", Map.of("k", false)));
    }

    @Test
    void nullMembersAreUnsetAndRepeatedMembersKeepTheLastValueLikeGo() throws Exception {
        assertThat(parse("{\"a\": 1, \"b\": null, \"a\": 2}")).containsExactly(Map.entry("a", 2L));
        assertThat(parse("{\"a\": 1, \"a\": null}")).isEmpty();
    }

    @Test
    void blankDocumentIsAnEmptySourceLikeConsul() throws Exception {
        assertThat(parse("")).isEmpty();
        assertThat(parse(" \n\t")).isEmpty();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("top-level array", "[1]", "c.json:1:1: top-level value must be an object"),
                Arguments.of("top-level string", "\"x\"", "c.json:1:1: top-level value must be an object"),
                Arguments.of("unterminated object", "{\"a\": 1", "c.json:1:"),
                Arguments.of("unterminated string", "{\"a\": \"x", "c.json:1:"),
                Arguments.of("trailing content", "{} {}", "c.json:1:4: unexpected content after the top-level object"),
                Arguments.of("trailing garbage", "{}\nxyz", "c.json:2:"),
                Arguments.of("comment", "{/* c */}", "c.json:1:"),
                Arguments.of("missing colon", "{\"a\" 1}", "c.json:1:"),
                Arguments.of("trailing comma", "{\"a\": 1,}", "c.json:1:"),
                Arguments.of("null in array", "{\"a\": [1, null]}", "c.json:1:11: null is not allowed inside an array"),
                Arguments.of("huge integer", "{\"a\": 123456789012345678901234567890}", "c.json:1:7: integer out of range"),
                Arguments.of("binary garbage", "\u0000\u0001\u00ff", "c.json:1:"),
                Arguments.of("second line error", "{\n  \"a\": tru\n}", "c.json:2:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedJsonWithLineAndColumn(String name, String text, String prefix) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(prefix);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        int inner = HclParser.MAX_DEPTH - 1; // the top-level object is the first level
        String text = "{\"a\":" + "[".repeat(inner) + "]".repeat(inner) + "}";
        assertThat(parse(text)).containsKey("a");
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String text = "{\"a\":" + "[".repeat(HclParser.MAX_DEPTH) + "]".repeat(HclParser.MAX_DEPTH) + "}";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nesting deeper than 64 levels")
                .hasMessageStartingWith("c.json:1:");
    }

    @Test
    void failsFastOnAMillionOpenBrackets() {
        String text = "{\"a\":" + "[".repeat(1_000_000);
        assertThatThrownBy(() -> parse(text)).hasMessageContaining("nesting deeper than 64 levels");
        String objects = "{\"a\":".repeat(1_000_000);
        assertThatThrownBy(() -> parse(objects)).hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void randomGarbageOnlyEverFailsWithConfigException() {
        String alphabet = "{}[]\":,0123456789.eE-+ \ntrufalsn\\u";
        Random random = new Random(20240602L);
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder("{");
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(sb.toString());
            } catch (ConfigException e) {
                assertThat(e.getMessage()).startsWith("c.json");
            }
        }
    }
}
