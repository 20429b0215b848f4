// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code matches} end to end: how the regex is written in the expression, and Go's regex semantics. */
class FilterRegexTest {

    private static final Map<String, Object> ENTRY = Items.healthEntry();

    private static boolean matches(String expression) throws FilterException {
        return Filter.parse(expression).matches(ENTRY);
    }

    @Test
    void backtickPatternsNeedNoDoubledBackslashes() throws FilterException {
        assertThat(matches("Node.Address matches `^10\\.0\\.0\\.\\d+$`")).isTrue();
        assertThat(matches("Node.Address matches \"^10\\\\.0\\\\.0\\\\.\\\\d+$\"")).isTrue();
        assertThat(matches("Node.Address matches `^10\\.1\\.`")).isFalse();
    }

    @Test
    void matchingIsUnanchoredUnlessThePatternAnchors() throws FilterException {
        assertThat(matches("Service.ID matches eb")).isTrue();
        assertThat(matches("Service.ID matches \"^eb\"")).isFalse();
    }

    @Test
    void bareWordAndDottedValuesAreUsedAsPatterns() throws FilterException {
        assertThat(matches("Service.Service matches web")).isTrue();
        assertThat(matches("Node.Address matches 10.0")).isTrue(); // the number 10.0 as text: '.' is any character
    }

    @Test
    void flagsAndClassesFollowGo() throws FilterException {
        assertThat(matches("Service.Service matches \"(?i)^WEB$\"")).isTrue();
        assertThat(matches("Service.ID matches `^[[:alpha:]]+-[[:digit:]]$`")).isTrue();
        assertThat(matches("Service.Tags contains v1 and Service.Meta.version matches `^\\d+$`")).isTrue();
    }

    @Test
    void regexOnAListOfObjectsMatchesAnyElement() throws FilterException {
        assertThat(matches("Checks.CheckID matches `^service:web-\\d$`")).isTrue();
        assertThat(matches("Checks.Status not matches `^(passing|warning)$`")).isTrue();
        assertThat(matches("not Checks.Status not matches `^(passing|critical)$`")).isTrue();
    }
}
