// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching follows Go's semantics where Java's would differ. Inputs use \n, \t and \\u escapes in the table. */
class GoRegexMatchTest {

    private static boolean find(String pattern, String input) throws GoRegexSyntaxException {
        return GoRegex.compile(pattern).find(input);
    }

    /** Expands the table's escapes: backslash-n, backslash-t and backslash-u followed by four hex digits. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append('\\').append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "/{0}/ on \"{1}\" -> {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '~', textBlock = """
            abc => xabcx => true
            ^abc$ => abc => true
            ^abc$ => abc\\n => false
            abc$ => abc\\n => false
            (?m)abc$ => abc\\n => true
            (?m)^b$ => a\\nb\\nc => true
            ^b$ => a\\nb\\nc => false
            (?m)^$ => a\\n => true
            \\Aab\\z => ab => true
            \\Aab\\z => xab => false
            . => \\n => false
            (?s). => \\n => true
            (?s:.)x => \\nx => true
            (?s:.)x. => \\nx\\n => false
            [^a] => \\n => true
            \\D => \\n => true
            [[:alpha:]]+ => 123 => false
            [[:alpha:]] => x => true
            [[:^digit:]] => 5 => false
            [[:punct:]] => _ => true
            [[:space:]] => \\u000B => true
            [[:word:]] => _ => true
            [a-c[] => [ => true
            [a&&b] => & => true
            [a-b-c] => - => true
            []a] => ] => true
            \\v => \\u000B => true
            \\v => \\n => false
            \\s => \\u000B => false
            \\s => \\t => true
            \\d => \\u0663 => false
            \\w => é => false
            \\bfoo\\b => a foo b => true
            \\bfoo\\b => afoob => false
            \\Bfoo => afoo => true
            \\bé => é => false
            (?i)k => \\u212A => true
            (?i)K => \\u212A => true
            (?i)s => \\u017F => true
            (?i)straße => STRASSE => false
            (?i)[a-z]+$ => ABC => true
            (?i)σ => ς => true
            (?i)[^k] => K => false
            (?i)[^k] => \\u212A => false
            (?i)\\p{Lu} => a => true
            (?i)i => \\u0131 => false
            (?i:A)b => aB => false
            (?i:A)b => ab => true
            a(?i)b|c => C => true
            (a(?i)b)|c => C => false
            (?i)a(?-i)b => Ab => true
            (?i)a(?-i)b => AB => false
            \\x41 => A => true
            \\x{1F600} => 😀 => true
            \\101 => A => true
            \\Qa.b\\E => a.b => true
            \\Qa.b\\E => axb => false
            \\Qa.b => xa.b => true
            \\Qab\\E+ => abbb => true
            \\Qab\\E+ => abab => true
            ^(ab)+$ => abab => true
            a{2,3} => aa => true
            ^a{2,3}$ => a => false
            ^a{2,3}$ => aaaa => false
            ^a{2,}$ => aaaaaa => true
            ^a{0}b$ => b => true
            a{,3} => a{,3} => true
            a{ => a{ => true
            x* => => true
            ~~ => anything => true
            \\pL+ => é => true
            \\p{Greek} => α => true
            \\p{Greek} => a => false
            \\PL => a => false
            \\p{^L} => 1 => true
            \\P{^L} => a => true
            \\pN => \\u0663 => true
            (?:ab)+c => ababc => true
            a|b|c => c => true
            a|b|c => d => false
            (a|)b => b => true
            ^$ => => true
            ^😀.$ => 😀😁 => true
            [😀-😂] => 😁 => true
            (?U)a+b => aab => true
            ^[^\\t]*$ => a\\tb => false
            """)
    void matchesLikeGo(String pattern, String input, boolean expected) throws GoRegexSyntaxException {
        String text = input == null ? "" : unescape(input);
        assertThat(find(pattern, text)).as("/%s/ on %s", pattern, text).isEqualTo(expected);
    }

    @Test
    void catastrophicBacktrackingPatternsRunInLinearTime() throws GoRegexSyntaxException {
        String as = "a".repeat(50_000);
        GoRegex nested = GoRegex.compile("^(a+)+$");
        GoRegex alternatives = GoRegex.compile("^(a|a|aa)*b");
        GoRegex stars = GoRegex.compile("(.*)*(.*)*(.*)*z");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(nested.find(as + "!")).isFalse();
            assertThat(alternatives.find(as)).isFalse();
            assertThat(stars.find(as)).isFalse();
            assertThat(nested.find(as)).isTrue();
        });
    }

    @Test
    void emptyLoopsTerminate() throws GoRegexSyntaxException {
        assertThat(find("(a*)*b", "aaac")).isFalse();
        assertThat(find("(a*)+$", "aaa")).isTrue();
        assertThat(find("(^|$)*x", "x")).isTrue();
        assertThat(find("()*", "")).isTrue();
    }

    @Test
    void compiledPatternIsReusableAndThreadSafe() throws Exception {
        GoRegex re = GoRegex.compile("^web-[0-9]+$");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 200; i++) {
                String input = i % 2 == 0 ? "web-" + i : "api-" + i;
                results.add(pool.submit(() -> re.find(input)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(re).hasToString("^web-[0-9]+$");
    }
}
