// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A selector that crosses a list (the checks of a health entry) matches when any element does, with the
 * operator as written applied per element: go-bexpr v0.1.2's "implicit ANY", which Consul relies on for
 * {@code not Checks.Status != passing} ("every check passes").
 */
class FilterListTraversalTest {

    private static boolean matches(String expression, Object item) throws FilterException {
        return Filter.parse(expression).matches(item);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Checks.Status == passing                 | true
            Checks.Status == critical                | true
            Checks.Status == warning                 | false
            Checks.Status != passing                 | true
            Checks.Status != warning                 | true
            not Checks.Status != passing             | false
            not Checks.Status == critical            | false
            Checks.CheckID == serfHealth             | true
            Checks.CheckID matches "^service:"       | true
            Checks.CheckID not matches "^service:"   | true
            "v1" in Checks.ServiceTags               | true
            Checks.ServiceTags is empty              | true
            Checks.ServiceTags is not empty          | true
            Checks.Missing is empty                  | true
            Checks.Missing == x                      | false
            Checks is empty                          | false
            Checks is not empty                      | true
            """)
    void anyElementDecidesAndNegatedOperatorsApplyPerElement(String expression, boolean expected)
            throws FilterException {
        assertThat(matches(expression, Items.healthEntry())).isEqualTo(expected);
    }

    @Test
    void notInequalityMeansEveryCheckPasses() throws FilterException {
        Filter allPassing = Filter.parse("not Checks.Status != passing");
        assertThat(allPassing.matches(Items.healthEntryWithChecks("passing", "passing"))).isTrue();
        assertThat(allPassing.matches(Items.healthEntryWithChecks("passing", "warning"))).isFalse();
        assertThat(allPassing.matches(Items.healthEntryWithChecks("critical"))).isFalse();
    }

    @Test
    void emptyListMatchesNothingForEveryOperatorEvenNegatedOnes() throws FilterException {
        Map<String, Object> noChecks = Items.healthEntryWithChecks();
        for (String expression : List.of("Checks.Status == passing", "Checks.Status != passing",
                "\"x\" not in Checks.Status", "Checks.Status is empty", "Checks.Status not matches x")) {
            assertThat(matches(expression, noChecks)).as(expression).isFalse();
        }
        assertThat(matches("not Checks.Status != passing", noChecks)).isTrue();
        assertThat(matches("Checks is empty", noChecks)).isTrue();
    }

    @Test
    void nullElementsAndNestedListsAreTraversedAsIfFlattened() throws FilterException {
        Map<String, Object> item = Map.of("Groups", java.util.Arrays.asList(
                null, List.of(Map.of("Name", "a")), List.of(List.of(Map.of("Name", "b")))));
        assertThat(matches("Groups.Name == b", item)).isTrue();
        assertThat(matches("Groups.Name == c", item)).isFalse();
        assertThat(matches("Groups.Name != a", item)).isTrue();
        assertThat(matches("Groups.Name is empty", item)).isTrue(); // the null element has no Name
    }

    @Test
    void selectorEndingOnAListAppliesTheOperatorToTheListItself() throws FilterException {
        Map<String, Object> item = Map.of("Tags", List.of("a", "b"));
        assertThat(matches("Tags contains a", item)).isTrue();
        assertThat(matches("Tags == a", item)).isFalse();
        assertThat(matches("Tags matches a", item)).isFalse();
    }

    @Test
    void listWithManyElementsIsScannedOnceInLinearTime() throws FilterException {
        List<Object> checks = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            checks.add(Map.of("Status", "passing", "Notes", "n" + i));
        }
        Map<String, Object> item = Map.of("Checks", checks);
        Filter filter = Filter.parse("Checks.Status == critical or Checks.Notes == missing");
        long start = System.nanoTime();
        assertThat(filter.matches(item)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
