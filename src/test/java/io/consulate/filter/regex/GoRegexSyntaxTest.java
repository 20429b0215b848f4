// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Go's regexp/syntax rejects is rejected here, with Go's error text. */
class GoRegexSyntaxTest {

    private static GoRegexSyntaxException failure(String pattern) {
        return catchThrowableOfType(GoRegexSyntaxException.class, () -> GoRegex.compile(pattern));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '~', textBlock = """
            a** => invalid nested repetition operator: `**`
            a*+ => invalid nested repetition operator: `*+`
            a++ => invalid nested repetition operator: `++`
            a*?* => invalid nested repetition operator: `*?*`
            a{2}{3} => invalid nested repetition operator: `{2}{3}`
            *a => missing argument to repetition operator: `*`
            a|+ => missing argument to repetition operator: `+`
            (?i)* => missing argument to repetition operator: `*`
            (?=a) => invalid or unsupported Perl syntax: `(?=`
            (?!a) => invalid or unsupported Perl syntax: `(?!`
            (?>a) => invalid or unsupported Perl syntax: `(?>`
            (?#c) => invalid or unsupported Perl syntax: `(?#`
            (?x)a => invalid or unsupported Perl syntax: `(?x`
            (?i-)a => invalid or unsupported Perl syntax: `(?i-)`
            (?-)a => invalid or unsupported Perl syntax: `(?-)`
            (?i-m-s)a => invalid or unsupported Perl syntax: `(?i-m-`
            (?P=n) => invalid or unsupported Perl syntax: `(?P`
            (?i => invalid or unsupported Perl syntax: `(?i`
            (?<=a)b => invalid named capture: `(?<=a)b`
            (?P<1-x>a) => invalid named capture: `(?P<1-x>`
            (?<>a) => invalid named capture: `(?<>`
            (?P<n>a)(?<n>b) => duplicate capture group name: `n`
            (a)\\1 => invalid escape sequence: `\\1`
            \\8 => invalid escape sequence: `\\8`
            \\e => invalid escape sequence: `\\e`
            \\Z => invalid escape sequence: `\\Z`
            \\G => invalid escape sequence: `\\G`
            \\h => invalid escape sequence: `\\h`
            \\R => invalid escape sequence: `\\R`
            \\cA => invalid escape sequence: `\\c`
            \\C => invalid escape sequence: `\\C`
            \\E => invalid escape sequence: `\\E`
            \\é => invalid escape sequence: `\\é`
            \\xZ1 => invalid escape sequence: `\\xZ1`
            \\x{} => invalid escape sequence: `\\x{}`
            \\x{110000} => invalid escape sequence: `\\x{110000`
            [\\b] => invalid escape sequence: `\\b`
            a{1001} => invalid repeat count: `{1001}`
            a{2,1} => invalid repeat count: `{2,1}`
            a{99999999} => invalid repeat count: `{99999999}`
            (a{100}){100} => invalid repeat count: `{100}`
            ((a{10}){10}){11} => invalid repeat count: `{11}`
            [z-a] => invalid character class range: `z-a`
            [[:foo:]] => invalid character class range: `[:foo:]`
            \\p{Foo} => invalid character class range: `\\p{Foo}`
            \\p{greek} => invalid character class range: `\\p{greek}`
            \\pX => invalid character class range: `\\pX`
            \\p{L => invalid character class range: `\\p{L`
            ( => missing closing ): `(`
            (a|b => missing closing ): `(a|b`
            ) => unexpected ): `)`
            a)b => unexpected ): `a)b`
            [a => missing closing ]: `[a`
            [] => missing closing ]: `[]`
            [^ => missing closing ]: `[^`
            [a- => missing closing ]: `[a-`
            """)
    void rejectsWhatGoRejectsWithGoWording(String pattern, String detail) {
        assertThat(failure(pattern)).as(pattern).hasMessage("error parsing regexp: " + detail);
    }

    @Test
    void trailingBackslashNamesNoFragment() {
        assertThat(failure("a\\")).hasMessage("error parsing regexp: trailing backslash at end of expression: ``");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "a", "a*?", "a+?", "a??", "a{2}?", "(?i)a", "(?i:a)b", "(?im-s:a)", "(?U)a+", "(?)", "(?:)",
        "(?P<name>a)", "(?<name_2>a)", "^*", "$+", "(a*)*", "(|a)", "a|", "|", "[]a]", "[^]a]", "[a-]", "[-a]",
        "[a-b-c]", "[[]", "[a&&b]", "[\\d\\s\\w\\D\\S\\W]", "[[:alpha:][:^digit:]]", "[\\pL\\p{Greek}\\P{^N}]",
        "\\pL", "\\p{Any}", "\\p{Han}", "\\p{Old_Italic}", "\\PN", "\\p{^Lu}", "a{", "a{,3}", "a{x}", "a{01}",
        "{", "}", "]", "a{1000}", "a{0}", "a{0,}", "\\Qa*b", "\\Q\\E", "\\x41\\x{1F600}\\101\\0\\a\\f\\t\\n\\r\\v",
        "\\.\\*\\_\\-\\#\\ ", "\\A\\b\\B\\z", "((((((((((a))))))))))", "😀+", "[😀-😂]"
    })
    void acceptsWhatGoAccepts(String pattern) {
        assertThat(failure(pattern)).as(pattern).isNull();
    }

    @Test
    void groupsNestingBeyondTheLimitAreRejectedWithoutStackOverflow() {
        String ok = "(".repeat(RegexParser.MAX_NESTING) + "a" + ")".repeat(RegexParser.MAX_NESTING);
        assertThat(failure(ok)).isNull();
        String deep = "(".repeat(RegexParser.MAX_NESTING + 1) + "a" + ")".repeat(RegexParser.MAX_NESTING + 1);
        assertThat(failure(deep)).hasMessageStartingWith("error parsing regexp: expression nests too deeply");
        assertThat(failure("(".repeat(100_000))).hasMessageStartingWith("error parsing regexp: expression nests");
    }

    @Test
    void programsOverTheInstructionLimitAreRejectedAsTooLarge() {
        assertThat(failure("(abcdefghij){1000}")).hasMessage("error parsing regexp: expression too large: "
                + "`(abcdefghij){1000}`");
        assertThat(failure("[a-z]{1000}".repeat(9))).isNull();
        assertThat(failure("[a-z]{1000}".repeat(11))).hasMessageStartingWith("error parsing regexp: expression too");
    }

    @Test
    void duplicateNamesAreCaughtAcrossBothNamedGroupForms() {
        assertThat(failure("(?P<x>a)|(?<x>b)")).hasMessage("error parsing regexp: duplicate capture group name: `x`");
        assertThat(failure("(?P<x>a)(?P<y>b)")).isNull();
    }
}
