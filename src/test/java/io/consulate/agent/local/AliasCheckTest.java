// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.agent.checks.CheckCommon;
import io.consulate.agent.checks.CheckDefinition;
import io.consulate.agent.checks.CheckResult;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import io.consulate.state.catalog.Check;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alias checks: Consul's evaluation rule, and live mirroring through the catalog on a real agent. */
class AliasCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static AliasCheck alias(String node, String service) {
        CheckCommon common = new CheckCommon("a", "a", "", "", "", "", Duration.ZERO, Duration.ZERO, 0, 0, 0,
                Duration.ZERO, 0);
        return new AliasCheck("a", new CheckDefinition.Alias(common, node, service), "self", null, null,
                Runnable::run, (id, r) -> { });
    }

    private static Check check(String id, String name, String serviceId, String status, String output) {
        return new Check("n1", id, name, status, "", output, serviceId, "", List.of(), "ttl", null, 0, 0);
    }

    @Test
    void criticalWinsOverWarningAndQuotesTheFailingCheck() {
        CheckResult r = alias("n1", "web").evaluate(List.of(
                check("w", "slow", "web", "warning", "meh"),
                check("c", "down", "web", "critical", "refused"),
                check("p", "ok", "web", "passing", "")), true);

        assertThat(r).isEqualTo(CheckResult.critical("Aliased check \"down\" failing: refused"));
    }

    @Test
    void aWarningIsKeptOverLaterPassingChecks() {
        CheckResult r = alias("n1", "web").evaluate(List.of(
                check("w", "slow", "web", "warning", "meh"),
                check("p", "ok", "web", "passing", "")), true);

        assertThat(r).isEqualTo(CheckResult.warning("Aliased check \"slow\" failing: meh"));
    }

    @Test
    void otherServicesChecksAreIgnoredButNodeChecksCount() {
        AliasCheck a = alias("n1", "web");

        assertThat(a.evaluate(List.of(check("o", "other", "db", "critical", "x"),
                check("p", "ok", "web", "passing", "")), true)).isEqualTo(CheckResult.passing("All checks passing."));
        assertThat(a.evaluate(List.of(check("serf", "Serf", "", "critical", "gone"),
                check("p", "ok", "web", "passing", "")), true))
                .isEqualTo(CheckResult.critical("Aliased check \"Serf\" failing: gone"));
    }

    @Test
    void aServiceWithoutChecksIsPassingWithNoChecksFound() {
        assertThat(alias("n1", "web").evaluate(List.of(), true)).isEqualTo(CheckResult.passing("No checks found."));
    }

    @Test
    void anAbsentServiceIsCriticalNamingTheConfiguredNode() {
        assertThat(alias("n1", "web").evaluate(List.of(), false))
                .isEqualTo(CheckResult.critical("Service web could not be found on node n1"));
        assertThat(alias("", "web").evaluate(List.of(), false))
                .isEqualTo(CheckResult.critical("Service web could not be found on node "));
    }

    private static JsonNode agentCheck(String id) throws Exception {
        return JSON.readTree(http.get("/v1/agent/checks").body()).get(id);
    }

    private static void awaitCheck(String id, String status, String output) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode c = agentCheck(id);
            assertThat(c).isNotNull();
            assertThat(c.get("Status").asText() + "|" + c.get("Output").asText()).isEqualTo(status + "|" + output);
        });
    }

    @Test
    void aLocalAliasFollowsTheAliasedServicesChecks() throws Exception {
        assertThat(http.put("/v1/agent/service/register",
                "{\"Name\":\"api\",\"ID\":\"api-1\",\"Check\":{\"CheckID\":\"api-ttl\",\"TTL\":\"60s\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"api-sidecar\",\"ID\":\"api-sidecar-1\","
                + "\"Check\":{\"CheckID\":\"api-alias\",\"Name\":\"alias\",\"AliasService\":\"api-1\"}}")
                .statusCode()).isEqualTo(200);
        awaitCheck("api-alias", "critical", "Aliased check \"Service 'api' check\" failing: ");

        http.put("/v1/agent/check/pass/api-ttl?note=fine", "");
        awaitCheck("api-alias", "passing", "All checks passing.");
        assertThat(agentCheck("api-alias").get("Type").asText()).isEqualTo("alias");

        http.put("/v1/agent/check/warn/api-ttl?note=slow", "");
        awaitCheck("api-alias", "warning", "Aliased check \"Service 'api' check\" failing: slow");

        http.put("/v1/agent/service/deregister/api-1", "");
        awaitCheck("api-alias", "critical", "Service api-1 could not be found on node ");
        http.put("/v1/agent/service/deregister/api-sidecar-1", "");
    }

    @Test
    void aNodeAliasFollowsAnotherNodesChecksInTheCatalog() throws Exception {
        assertThat(http.put("/v1/catalog/register", "{\"Node\":\"ext-1\",\"Address\":\"10.0.0.9\","
                + "\"Check\":{\"CheckID\":\"ext-ping\",\"Name\":\"ping\",\"Status\":\"critical\",\"Output\":\"lost\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/agent/check/register",
                "{\"CheckID\":\"ext-alias\",\"Name\":\"ext\",\"AliasNode\":\"ext-1\"}").statusCode()).isEqualTo(200);
        awaitCheck("ext-alias", "critical", "Aliased check \"ping\" failing: lost");

        http.put("/v1/catalog/register", "{\"Node\":\"ext-1\",\"Address\":\"10.0.0.9\","
                + "\"Check\":{\"CheckID\":\"ext-ping\",\"Name\":\"ping\",\"Status\":\"passing\",\"Output\":\"ok\"}}");
        awaitCheck("ext-alias", "passing", "All checks passing.");

        http.put("/v1/catalog/deregister", "{\"Node\":\"ext-1\"}");
        awaitCheck("ext-alias", "critical", "Service  could not be found on node ext-1");
        http.put("/v1/agent/check/deregister/ext-alias", "");
    }
}
