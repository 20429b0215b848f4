// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random input: every string either parses (and then evaluates without error) or fails with
 * {@link FilterException}; nothing else escapes, nothing recurses out of the stack, nothing hangs.
 */
class FilterFuzzTest {

    private static final List<String> TOKENS = List.of(
            "Service", ".", "Tags", "Meta", "[", "]", "\"", "`", "(", ")", "==", "!=", " ", "\t", "\n", "and", "or",
            "not", "in", "contains", "matches", "is", "empty", "-", "0", "7", "1.5", "\\", "x", "_", "Checks",
            "Status", "passing", "\\x4", "\\u00", "*", "+", "?", "{", "}", "|", "^", "$", "(?", "[:alpha:]", "é", "😀");

    private static final java.util.regex.Pattern POSITIONED =
            java.util.regex.Pattern.compile("(?s)\\d+:\\d+ \\(\\d+\\): .+");

    private static final java.util.Map<String, Object> HEALTH = Items.healthEntry();
    private static final java.util.Map<String, Object> CATALOG = Items.catalogEntry();

    private static final String ALPHABET = " \t\r\n()[]\"`\\.-_=!<>*+?{}|^$:,'#%&;/0123456789abcnotriesmpAZé😀";

    @Test
    @Timeout(30)
    void randomTokenSoupNeverEscapesAsAnythingButFilterException() {
        Random random = new Random(20240611L);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(TOKENS.get(random.nextInt(TOKENS.size())));
                if (random.nextInt(3) == 0) {
                    sb.append(' ');
                }
            }
            parsed += check(sb.toString()) ? 1 : 0;
        }
        assertThat(parsed).as("some random expressions are valid").isPositive();
    }

    @Test
    @Timeout(30)
    void randomCharactersNeverEscapeAsAnythingButFilterException() {
        Random random = new Random(42L);
        for (int i = 0; i < 20_000; i++) {
            int n = random.nextInt(i % 100 == 0 ? 5000 : 60);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.appendCodePoint(random.nextInt(10) == 0
                        ? random.nextInt(0x800)
                        : ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                                random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            }
            check(sb.toString());
        }
    }

    @Test
    @Timeout(30)
    void mutatedValidExpressionsNeverEscapeAsAnythingButFilterException() {
        List<String> seeds = List.of(
                "Service.Tags contains \"primary\" and not (Checks.Status != passing or Node.Meta[\"rack\"] == r1)",
                "Service.Service matches `^w(e|x)b[[:alpha:]]*$` or \"v1\" not in Service.Tags",
                "((Service.Port == 8080) and (Service.Meta.version is not empty)) or Checks is empty",
                "Node.Meta.rack matches \"(?i)^R[0-9]{1,3}\\\\b\" and Service.ID != \"web-\\u0031\"");
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length() - 3)));
                    default -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length() - 3)));
                }
            }
            check(sb.toString());
        }
    }

    /** Parses and, if valid, evaluates; true if it parsed. Fails the test on any other throwable. */
    private static boolean check(String expression) {
        try {
            Filter filter = Filter.parse(expression);
            filter.matches(HEALTH);
            filter.matches(CATALOG);
            filter.matches(null);
            return true;
        } catch (FilterException expected) {
            if (expected.position() < 0 || expected.position() > expression.length()
                    || !POSITIONED.matcher(expected.getMessage()).matches()) {
                fail("bad error " + expected.getMessage() + " for " + expression);
            }
            return false;
        } catch (Throwable t) {
            fail("unexpected " + t + " for " + expression, t);
            return false;
        }
    }
}
