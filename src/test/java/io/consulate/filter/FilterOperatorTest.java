// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator, on the three shapes Consul filters: a health entry, a catalog entry, an agent service. */
class FilterOperatorTest {

    private static boolean matches(String expression, Object item) throws FilterException {
        return Filter.parse(expression).matches(item);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Service.Service == web                    | true
            Service.Service == "web"                  | true
            Service.Service == `web`                  | true
            Service.Service == api                    | false
            Service.Service != web                    | false
            Service.Service != api                    | true
            Service.ID == "web-1"                     | true
            Node.Node == n1                           | true
            Node.Address == "10.0.0.1"                | true
            Node.Meta.rack == r1                      | true
            Node.Meta.rack != r1                      | false
            Service.Meta.version == "2"               | true
            Service.Meta.version == 2                 | true
            Service.Meta["version"] == "2"            | true
            Service.Port == 8080                      | true
            Service.Port == "8080"                    | true
            Service.Port == 8081                      | false
            Service.Port != 8080                      | false
            Service.Port != 8081                      | true
            Service.Weights.Passing == 1              | true
            Service.EnableTagOverride == false        | true
            Service.EnableTagOverride != true         | true
            "primary" in Service.Tags                 | true
            primary in Service.Tags                   | true
            "v2" in Service.Tags                      | false
            "pri" in Service.Tags                     | false
            "v1" not in Service.Tags                  | false
            "v2" not in Service.Tags                  | true
            Service.Tags contains v1                  | true
            Service.Tags contains "v9"                | false
            Service.Tags not contains "v9"            | true
            Service.Tags not contains primary         | false
            "eb" in Service.Service                   | true
            Service.Service contains "we"             | true
            Service.Service not contains "x"          | true
            "version" in Service.Meta                 | true
            Service.Meta contains version             | true
            "2" in Service.Meta                       | false
            Service.Meta not contains owner           | true
            Service.Tags is empty                     | false
            Service.Tags is not empty                 | true
            Service.Meta is not empty                 | true
            Service.Address is empty                  | true
            Service.Service is empty                  | false
            Service.Service matches "^w.b$"           | true
            Service.Service matches "^eb"             | false
            Service.Service not matches "^eb"         | true
            Service.ID matches `-\\d+$`               | true
            """)
    void operatorsOnHealthEntryFollowGoBexpr(String expression, boolean expected) throws FilterException {
        assertThat(matches(expression, Items.healthEntry())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Service.Meta.owner == x           | false
            Service.Meta.owner != x           | true
            "x" in Service.Meta.owner         | false
            "x" not in Service.Meta.owner     | true
            Service.Meta.owner contains x     | false
            Service.Meta.owner is empty       | true
            Service.Meta.owner is not empty   | false
            Service.Meta.owner matches ".*"   | false
            Service.Meta.owner not matches x  | true
            Unknown == x                      | false
            Unknown != x                      | true
            Unknown.Deeper is empty           | true
            Service.Port.Sub == 1             | false
            Service.Port.Sub != 1             | true
            Service.Service.Sub is empty      | true
            """)
    void missingKeysUnknownSelectorsAndPathsThroughScalarsHaveNoValue(String expression, boolean expected)
            throws FilterException {
        assertThat(matches(expression, Items.healthEntry())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Service.Tags == v1               | false
            Service.Tags != v1               | true
            Service.Meta == version          | false
            Service.Meta matches version     | false
            Service.Port contains 80         | false
            Service.Port not contains 80     | true
            Service.Port matches 80          | false
            Service.Port is empty            | false
            Service.Port is not empty        | true
            Service.EnableTagOverride is empty | false
            """)
    void operatorsOnUnsupportedKindsAreFalseAndTheirNegationsTrue(String expression, boolean expected)
            throws FilterException {
        assertThat(matches(expression, Items.healthEntry())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NodeMeta.os == darwin                   | true
            NodeMeta.os == linux                    | false
            NodeMeta["rack name"] == "r 7"          | true
            NodeMeta[`rack name`] == "r 7"          | true
            NodeMeta[ "rack name" ] != "r 8"        | true
            NodeMeta.agent == true                  | true
            ServiceTags contains tag                | true
            tag in ServiceTags                      | true
            ServiceMeta.environment == qa           | true
            ServiceName == "api-internal"           | true
            ServicePort == 9090                     | true
            ServiceEnableTagOverride == false       | true
            ServiceEnableTagOverride == true        | false
            ServiceAddress is empty                 | true
            ServiceKind == ""                       | true
            ServiceKind != ""                       | false
            TaggedAddresses is empty                | true
            TaggedAddresses is not empty            | false
            TaggedAddresses.lan == "1.2.3.4"        | false
            "lan" in TaggedAddresses                | false
            ServiceWeights.Passing == 1             | true
            CreateIndex == 30                       | true
            ModifyIndex != 30                       | false
            """)
    void operatorsOnCatalogEntry(String expression, boolean expected) throws FilterException {
        assertThat(matches(expression, Items.catalogEntry())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Meta.env == "qa"                              | redis3
            Meta.env == production                        | redis1 redis2
            Tags contains primary                         | redis1 redis3
            Tags contains primary and Port == 1234        | redis1 redis3
            Port == 1235 or Meta.env == qa                | redis2 redis3
            Meta.foo is empty                             | redis3
            "foo" in Meta                                 | redis1 redis2
            ID matches "[13]$"                            | redis1 redis3
            not Tags contains production                  | redis3
            """)
    void agentServicesAreFilteredInOrder(String expression, String expectedIds) throws FilterException {
        var kept = Filter.parse(expression).apply(Items.agentServices(), s -> s);
        assertThat(kept).extracting(s -> s.get("ID")).containsExactly((Object[]) expectedIds.split(" "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Flag == true          | true
            Flag == True          | true
            Flag == TRUE          | true
            Flag == t             | true
            Flag == 1             | true
            Flag == "T"           | true
            Flag == false         | false
            Flag == yes           | false
            Flag != yes           | true
            Port == 80            | true
            Port == "0x50"        | true
            Port == "0o120"       | true
            Port == "0120"        | true
            Port == "0b1010000"   | true
            Port == "8_0"         | true
            Port == "_80"         | false
            Port == 80.0          | false
            Port == "+80"         | true
            Port == abc           | false
            Port != abc           | true
            Negative == -5        | true
            Big == "18446744073709551615" | true
            Ratio == 0.5          | true
            Ratio == "5e-1"       | true
            Ratio == ".5"         | true
            Ratio == "0x1p-1"     | true
            Ratio == 1            | false
            Ratio == "Inf"        | false
            Whole == 2            | true
            Single == 1.5         | true
            Name == 80            | false
            Name == "80"          | false
            Version == 1.10       | true
            Version == 1.1        | false
            """)
    void valuesAreCoercedToTheFieldsTypeWithGoRules(String expression, boolean expected) throws FilterException {
        Map<String, Object> item = Map.of(
                "Flag", true, "Port", 80, "Negative", -5L,
                "Big", new java.math.BigInteger("18446744073709551615"),
                "Ratio", 0.5, "Whole", 2.0, "Single", 1.5f, "Name", "web", "Version", "1.10");
        assertThat(matches(expression, item)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            80 in Ports            | true
            "443" in Ports         | true
            8080 in Ports          | false
            true in Flags          | true
            "1" in Flags           | true
            x in Mixed             | true
            2 in Mixed             | true
            2.5 in Mixed           | true
            """)
    void inOnListsComparesEachElementWithItsOwnType(String expression, boolean expected) throws FilterException {
        Map<String, Object> item = Map.of(
                "Ports", java.util.List.of(80, 443),
                "Flags", java.util.List.of(false, true),
                "Mixed", java.util.Arrays.asList("x", 2, null, 2.5, java.util.List.of("nested"), Map.of()));
        assertThat(matches(expression, item)).isEqualTo(expected);
    }
}
