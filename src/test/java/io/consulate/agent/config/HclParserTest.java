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
class HclParserTest {

    private static Map<String, Object> parse(String text) throws ConfigException {
        return HclParser.parse(text, "t.hcl");
    }

    @Test
    void parsesScalarsOfEveryKind() throws Exception {
        Map<String, Object> m = parse("""
                s = "a \\"q\\" \\\\ \\n \\t \\u00e9 \\U0001F600 \\x41 \\101"
                i = 42
                neg = -7
                f = 1.5
                e = 2e3
                h = 0x1F
                t = true
                n = false
                """);
        assertThat(m).containsExactly(
                Map.entry("s", "a \"q\" \\ \n \t \u00e9 \uD83D\uDE00 A A"),
                Map.entry("i", 42L),
                Map.entry("neg", -7L),
                Map.entry("f", 1.5),
                Map.entry("e", 2000.0),
                Map.entry("h", 31L),
                Map.entry("t", true),
                Map.entry("n", false));
    }

    @Test
    void parsesBlocksObjectsAndLists() throws Exception {
        Map<String, Object> m = parse("""
                ports { http = 8501, dns = 8601 }
                addresses = { http = "0.0.0.0" }
                recursors = ["8.8.8.8", "1.1.1.1",]
                empty = []
                nested = [[1, 2], [3], { k = "v" }]
                """);
        assertThat(m.get("ports")).isEqualTo(Map.of("http", 8501L, "dns", 8601L));
        assertThat(m.get("addresses")).isEqualTo(Map.of("http", "0.0.0.0"));
        assertThat(m.get("recursors")).isEqualTo(List.of("8.8.8.8", "1.1.1.1"));
        assertThat(m.get("empty")).isEqualTo(List.of());
        assertThat(m.get("nested")).isEqualTo(List.of(List.of(1L, 2L), List.of(3L), Map.of("k", "v")));
    }

    @Test
    void repeatedBlocksBecomeAListAndLabelsNest() throws Exception {
        Map<String, Object> m = parse("""
                service { name = "web" }
                service { name = "db" }
                services = [{ name = "a" }]
                services { name = "b" }
                audit { sink "file" { path = "/a" } sink "other" { path = "/b" } }
                "quoted key" = 1
                """);
        assertThat(m.get("service")).isEqualTo(List.of(Map.of("name", "web"), Map.of("name", "db")));
        assertThat(m.get("services")).isEqualTo(List.of(Map.of("name", "a"), Map.of("name", "b")));
        assertThat(m.get("audit")).isEqualTo(Map.of("sink",
                Map.of("file", Map.of("path", "/a"), "other", Map.of("path", "/b"))));
        assertThat(m.get("quoted key")).isEqualTo(1L);
    }

    @Test
    void repeatedAssignmentKeepsTheLastValue() throws Exception {
        assertThat(parse("a = 1\na = 2")).containsExactly(Map.entry("a", 2L));
    }

    @Test
    void ignoresAllThreeCommentStyles() throws Exception {
        Map<String, Object> m = parse("""
                # hash
                a = 1 // slashes
                /* block
                   comment */ b = 2
                c = "# not a comment // either"
                """);
        assertThat(m).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L),
                Map.entry("c", "# not a comment // either"));
    }

    @Test
    void readsHeredocsIncludingIndentedOnes() throws Exception {
        Map<String, Object> m = parse("a = <<EOF\nline 1\n  line 2\nEOF\nb = <<-END\n    x\n      y\n    END\nc = 1\n");
        assertThat(m.get("a")).isEqualTo("line 1\n  line 2\n");
        assertThat(m.get("b")).isEqualTo("x\n  y\n");
        assertThat(m.get("c")).isEqualTo(1L);
    }

    @Test
    void keepsInterpolationsVerbatim() throws Exception {
        assertThat(parse("a = \"${env(\"HOME\")}/x\"").get("a")).isEqualTo("${env(\"HOME\")}/x");
    }

    @Test
    void acceptsItemsOnOneLineAndCrLfLineEndings() throws Exception {
        assertThat(parse("a = 1 b = \"x\"\r\nc { d = true }\r\n"))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", "x"), Map.entry("c", Map.of("d", true)));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unterminated string", "a = \"abc", "t.hcl:1:5: unterminated string"),
                Arguments.of("newline in string", "a = \"ab\nc\"", "t.hcl:1:5: unterminated string"),
                Arguments.of("unterminated block", "a {\n  b = 1\n", "t.hcl:1:3: unterminated block"),
                Arguments.of("unterminated list", "a = [1, 2", "t.hcl:1:5: unterminated list"),
                Arguments.of("unterminated comment", "a = 1 /* no end", "t.hcl:1:7: unterminated comment"),
                Arguments.of("unterminated heredoc", "a = <<EOF\nxx\n", "t.hcl:1:5: unterminated heredoc"),
                Arguments.of("unterminated interpolation", "a = \"${x", "t.hcl:1:5: unterminated string"),
                Arguments.of("bare identifier value", "a = b", "t.hcl:1:5: unexpected identifier b"),
                Arguments.of("key without equals", "a 1", "t.hcl:1:3: expected '=' or '{'"),
                Arguments.of("labels with equals", "a b = 1", "t.hcl:1:5: expected '{'"),
                Arguments.of("stray close brace", "}", "t.hcl:1:1: unexpected '}'"),
                Arguments.of("missing value", "a =", "t.hcl:1:4: expected a value"),
                Arguments.of("missing comma in list", "a = [1 2]", "t.hcl:1:8: expected ',' or ']'"),
                Arguments.of("control character", "a = 1\n\u0001", "t.hcl:2:1: unexpected character U+0001"),
                Arguments.of("invalid escape", "a = \"\\q\"", "t.hcl:1:6: invalid escape"),
                Arguments.of("short unicode escape", "a = \"\\u12\"", "t.hcl:1:6: invalid escape"),
                Arguments.of("surrogate escape", "a = \"\\ud800\"", "t.hcl:1:6: invalid unicode escape"),
                Arguments.of("letters after number", "a = 12abc", "t.hcl:1:5: invalid number"),
                Arguments.of("integer overflow", "a = 99999999999999999999", "t.hcl:1:5: number out of range"),
                Arguments.of("heredoc without anchor", "a = <<\nx", "t.hcl:1:5: heredoc needs an anchor"),
                Arguments.of("block conflicts with value", "a = 1\na b { }", "t.hcl:2:1: block \"a\" conflicts"),
                Arguments.of("value only", "\"just a string\"", "t.hcl:1:16: expected '=' or '{'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInputWithLineAndColumn(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        String text = "a = " + "[".repeat(HclParser.MAX_DEPTH) + "]".repeat(HclParser.MAX_DEPTH);
        assertThat(parse(text)).containsKey("a");
    }

    @Test
    void rejectsNestingBeyondTheLimit() {
        String lists = "a = " + "[".repeat(HclParser.MAX_DEPTH + 1) + "]".repeat(HclParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> parse(lists)).hasMessage("t.hcl:1:" + (5 + HclParser.MAX_DEPTH)
                + ": nesting deeper than 64 levels");
        String blocks = "a { ".repeat(HclParser.MAX_DEPTH + 1) + "} ".repeat(HclParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> parse(blocks)).hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void failsFastOnAMillionOpenBrackets() {
        String text = "a = " + "[".repeat(1_000_000);
        assertThatThrownBy(() -> parse(text)).hasMessageContaining("nesting deeper than 64 levels");
        String blocks = "a {".repeat(1_000_000);
        assertThatThrownBy(() -> parse(blocks)).hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void randomGarbageOnlyEverFailsWithConfigException() {
        String alphabet = "ab_.-=0123456789{}[]\",#/*<\\ \n\t$xEOFtrue";
        Random random = new Random(20240601L);
        int parsed = 0;
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(sb.toString());
                parsed++;
            } catch (ConfigException e) {
                assertThat(e.getMessage()).startsWith("t.hcl:");
            }
        }
        assertThat(parsed).isPositive();
    }
}
