// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code catalog datacenters|nodes|services} end to end against a real in-process agent whose catalog also
 * holds an external node ({@code ext-db}, registered through {@code /v1/catalog/register}).
 */
class CatalogAgainstAgentTest {
    private static TestAgent agent;
    private static String addr;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        addr = agent.httpAddress();
        Http http = new Http(addr);
        http.put("/v1/catalog/register", """
                {"Node": "ext-db", "Address": "10.1.2.3", "NodeMeta": {"rack": "r2", "env": "prod"},
                 "TaggedAddresses": {"wan": "198.51.100.1"},
                 "Service": {"Service": "db", "ID": "db-1", "Port": 5432, "Tags": ["primary", "b"]}}
                """);
        http.put("/v1/catalog/register", """
                {"Node": "ext-db", "Address": "10.1.2.3", "NodeMeta": {"rack": "r2", "env": "prod"},
                 "TaggedAddresses": {"wan": "198.51.100.1"},
                 "Service": {"Service": "db", "ID": "db-2", "Port": 5433, "Tags": ["a"]}}
                """);
        CliRun.against(addr, "services", "register", "-name=web", "-tag=v2", "-tag=v1");
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static CliRun cli(String... commandThenArgs) {
        return CliRun.against(addr, commandThenArgs);
    }

    @Test
    void datacentersListsTheAgentsDatacenter() {
        assertThat(cli("catalog", "datacenters")).isEqualTo(new CliRun(0, "dc1\n", ""));
    }

    @Test
    void nodesPrintsConsulsTableWithTheShortId() {
        CliRun run = cli("catalog", "nodes");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("""
                Node       ID        Address    DC
                ext-db +10\\.1\\.2\\.3 +dc1
                test-node  [0-9a-f]{8}  127\\.0\\.0\\.1  dc1
                """);
    }

    @Test
    void detailedNodesAddTaggedAddressesAndSortedMeta() {
        String out = cli("catalog", "nodes", "-detailed", "-node-meta=rack=r2").out();

        assertThat(out.lines().toList()).hasSize(2);
        assertThat(out.lines().toList().get(0)).matches("Node +ID +Address +DC +TaggedAddresses +Meta");
        assertThat(out.lines().toList().get(1))
                .matches("ext-db +10\\.1\\.2\\.3 +dc1 +wan=198\\.51\\.100\\.1 +env=prod, rack=r2");
    }

    @Test
    void nodesOfAServicePrintOneRowPerInstance() {
        String out = cli("catalog", "nodes", "-service=db", "-near=_agent").out();

        assertThat(out.lines().filter(l -> l.startsWith("ext-db")).count()).isEqualTo(2);
    }

    @Test
    void noMatchingNodeIsAHintOnStderrAndExit0() {
        assertThat(cli("catalog", "nodes", "-service=nothing-here")).isEqualTo(
                new CliRun(0, "", "No nodes match the given query - try expanding your search.\n"));
    }

    @Test
    void nodesHonoursAFilterExpression() {
        String out = cli("catalog", "nodes", "-filter=Node == \"ext-db\"").out();

        assertThat(out.lines().toList()).hasSize(2).last().asString().startsWith("ext-db");
    }

    @Test
    void servicesListsNamesSortedIncludingConsul() {
        assertThat(cli("catalog", "services")).isEqualTo(new CliRun(0, "consul\ndb\nweb\n", ""));
    }

    @Test
    void servicesWithTagsAlignsLikeTabwriter() {
        assertThat(cli("catalog", "services", "-tags").out()).isEqualTo("""
                consul\s\s\s\s\s\s
                db\s\s\s\s\s\s\s\s\s\sa,b,primary
                web\s\s\s\s\s\s\s\s\sv1,v2
                """);
    }

    @Test
    void servicesOfANodeAndOfAnUnknownNode() {
        assertThat(cli("catalog", "services", "-node=ext-db")).isEqualTo(new CliRun(0, "db\n", ""));
        assertThat(cli("catalog", "services", "-node=missing")).isEqualTo(
                new CliRun(0, "", "No services match the given query - try expanding your search.\n"));
    }

    @Test
    void servicesFilteredByNodeMeta() {
        assertThat(cli("catalog", "services", "-node-meta=env=prod").out()).isEqualTo("db\n");
    }

    @Test
    void argumentsAreRefused() {
        assertThat(cli("catalog", "services", "extra")).isEqualTo(
                new CliRun(1, "", "Too many arguments (expected 0, got 1)\n"));
        assertThat(cli("catalog", "nodes", "a", "b")).isEqualTo(
                new CliRun(1, "", "Too many arguments (expected 0, got 2)\n"));
        assertThat(cli("catalog", "datacenters", "a").exit()).isEqualTo(1);
    }

    @Test
    void badNodeMetaIsGosFlagError() {
        CliRun run = cli("catalog", "nodes", "-node-meta=rack");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("invalid value \"rack\" for flag -node-meta: Missing \"=\" value in argument: rack\n");
    }

    @Test
    void theGroupAlonePrintsItsSubcommandsAndExits1() {
        CliRun run = CliRun.run("catalog");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("datacenters", "nodes", "services");
    }
}
