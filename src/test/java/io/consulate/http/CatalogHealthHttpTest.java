package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogHealthHttpTest {
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

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static long index(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue("X-Consul-Index").orElseThrow());
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void register(String body) throws Exception {
        HttpResponse<String> r = http.put("/v1/catalog/register", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("true");
    }

    @Test
    void agentNodeIsInTheCatalogWithSerfHealthAndTheConsulService() throws Exception {
        JsonNode self = null;
        for (JsonNode n : json(http.get("/v1/catalog/nodes"))) {
            if (n.get("Node").asText().equals("test-node")) {
                self = n;
            }
        }
        assertThat(self).isNotNull();
        assertThat(self.get("Meta").has("consul-network-segment")).isTrue();
        assertThat(self.get("TaggedAddresses").get("lan").asText()).isEqualTo("127.0.0.1");
        assertThat(json(http.get("/v1/catalog/services")).get("consul").isArray()).isTrue();
        JsonNode checks = json(http.get("/v1/health/node/test-node"));
        assertThat(checks.get(0).get("CheckID").asText()).isEqualTo("serfHealth");
        assertThat(checks.get(0).get("Status").asText()).isEqualTo("passing");
        assertThat(checks.get(0).get("Output").asText()).isEqualTo("Agent alive and reachable");
    }

    @Test
    void lowerCaseRegistrationAsPythonSendsItIsDiscoverable() throws Exception {
        register("{\"node\":\"ext1\",\"address\":\"10.1.1.1\",\"NodeMeta\":{\"rack\":\"r1\"},"
                + "\"service\":{\"service\":\"redis\",\"tags\":[\"primary\",\"v6\"],\"port\":6379},"
                + "\"check\":{\"name\":\"redis alive\",\"status\":\"passing\",\"serviceid\":\"redis\"}}");
        JsonNode rows = json(http.get("/v1/catalog/service/redis"));
        assertThat(rows).hasSize(1);
        assertThat(fields(rows.get(0))).containsExactly("ID", "Node", "Address", "Datacenter", "TaggedAddresses",
                "NodeMeta", "ServiceKind", "ServiceID", "ServiceName", "ServiceTags", "ServiceAddress",
                "ServiceTaggedAddresses", "ServiceWeights", "ServiceMeta", "ServicePort", "ServiceEnableTagOverride",
                "ServiceProxy", "ServiceConnect", "CreateIndex", "ModifyIndex");
        assertThat(rows.get(0).get("ServicePort").asInt()).isEqualTo(6379);
        assertThat(json(http.get("/v1/catalog/service/redis?tag=primary&tag=v6"))).hasSize(1);
        assertThat(json(http.get("/v1/catalog/service/redis?tag=primary&tag=v7"))).isEmpty();
        assertThat(json(http.get("/v1/catalog/service/redis?node-meta=rack:r1"))).hasSize(1);
        assertThat(json(http.get("/v1/catalog/service/redis?node-meta=rack:r2"))).isEmpty();

        JsonNode health = json(http.get("/v1/health/service/redis?passing"));
        assertThat(health).hasSize(1);
        assertThat(fields(health.get(0))).containsExactly("Node", "Service", "Checks");
        assertThat(health.get(0).get("Service").get("ID").asText()).isEqualTo("redis");
        assertThat(health.get(0).get("Checks").get(0).get("ServiceName").asText()).isEqualTo("redis");
    }

    @Test
    void passingDropsInstancesWithAnyNonPassingCheck() throws Exception {
        register("{\"Node\":\"p1\",\"Address\":\"10.2.0.1\",\"Service\":{\"ID\":\"api-1\",\"Service\":\"api\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"api-1-http\",\"Status\":\"passing\",\"ServiceID\":\"api-1\"}]}");
        register("{\"Node\":\"p2\",\"Address\":\"10.2.0.2\",\"Service\":{\"ID\":\"api-2\",\"Service\":\"api\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"api-2-http\",\"Status\":\"warning\",\"ServiceID\":\"api-2\"}]}");
        register("{\"Node\":\"p3\",\"Address\":\"10.2.0.3\",\"Service\":{\"ID\":\"api-3\",\"Service\":\"api\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"node-down\",\"Status\":\"critical\"}]}");
        assertThat(json(http.get("/v1/health/service/api"))).hasSize(3);
        JsonNode passing = json(http.get("/v1/health/service/api?passing=1"));
        assertThat(passing).hasSize(1);
        assertThat(passing.get(0).get("Service").get("ID").asText()).isEqualTo("api-1");
        assertThat(json(http.get("/v1/health/service/api?passing=false"))).hasSize(3);
        assertThat(http.get("/v1/health/service/api?passing=maybe").statusCode()).isEqualTo(400);
        assertThat(json(http.get("/v1/health/state/critical")).toString()).contains("node-down");
        assertThat(json(http.get("/v1/health/state/any")).toString()).contains("serfHealth");
        assertThat(http.get("/v1/health/state/bogus").statusCode()).isEqualTo(400);
        assertThat(json(http.get("/v1/health/checks/api"))).hasSize(2);
    }

    @Test
    void repeatedDiscoveryReadsFollowEveryChange() throws Exception {
        // Plain health/service reads reuse their rendered body while the catalog is unchanged: every kind of change
        // (a check status, a node's address, another instance, a deregistration) must still show at once.
        register("{\"Node\":\"c1\",\"Address\":\"10.4.0.1\",\"Service\":{\"ID\":\"cw-1\",\"Service\":\"cw\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"cw-1-http\",\"Status\":\"passing\",\"ServiceID\":\"cw-1\"}]}");
        HttpResponse<String> first = http.get("/v1/health/service/cw?passing");
        assertThat(http.get("/v1/health/service/cw?passing").body()).isEqualTo(first.body());
        assertThat(json(first)).hasSize(1);
        register("{\"Node\":\"c1\",\"Address\":\"10.4.0.1\",\"Service\":{\"ID\":\"cw-1\",\"Service\":\"cw\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"cw-1-http\",\"Status\":\"critical\",\"ServiceID\":\"cw-1\"}]}");
        HttpResponse<String> critical = http.get("/v1/health/service/cw?passing");
        assertThat(json(critical)).isEmpty();
        assertThat(index(critical)).isGreaterThan(index(first));
        assertThat(json(http.get("/v1/health/service/cw")).get(0).get("Checks").get(0).get("Status").asText())
                .isEqualTo("critical");
        register("{\"Node\":\"c1\",\"Address\":\"10.4.0.9\",\"Service\":{\"ID\":\"cw-1\",\"Service\":\"cw\",\"Port\":1},"
                + "\"Checks\":[{\"CheckID\":\"cw-1-http\",\"Status\":\"passing\",\"ServiceID\":\"cw-1\"}]}");
        assertThat(json(http.get("/v1/health/service/cw?passing")).get(0).get("Node").get("Address").asText())
                .isEqualTo("10.4.0.9");
        register("{\"Node\":\"c2\",\"Address\":\"10.4.0.2\",\"Service\":{\"ID\":\"cw-2\",\"Service\":\"cw\",\"Port\":1}}");
        assertThat(json(http.get("/v1/health/service/cw?passing"))).hasSize(2);
        assertThat(json(http.get("/v1/health/service/cw?passing&filter=" + java.net.URLEncoder.encode(
                "Service.ID == \"cw-2\"", java.nio.charset.StandardCharsets.UTF_8)))).hasSize(1);
        assertThat(http.put("/v1/catalog/deregister", "{\"Node\":\"c1\"}").statusCode()).isEqualTo(200);
        JsonNode left = json(http.get("/v1/health/service/cw?passing"));
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("Service").get("ID").asText()).isEqualTo("cw-2");
        register("{\"Node\":\"c2\",\"Address\":\"10.4.0.2\",\"Check\":{\"CheckID\":\"c2-down\",\"Status\":\"critical\"}}");
        assertThat(json(http.get("/v1/health/service/cw?passing"))).isEmpty();
        register("{\"Node\":\"c2\",\"Address\":\"10.4.0.2\",\"NodeMeta\":{\"rack\":\"r9\"}}");
        assertThat(json(http.get("/v1/health/service/cw")).get(0).get("Node").get("Meta").get("rack").asText())
                .isEqualTo("r9");
    }

    @Test
    void blockedHealthQueryIsNotWokenByAnotherService() throws Exception {
        register("{\"Node\":\"b1\",\"Address\":\"10.3.0.1\",\"Service\":{\"Service\":\"quiet\"}}");
        register("{\"Node\":\"b1\",\"Address\":\"10.3.0.1\",\"Service\":{\"Service\":\"noisy\"}}");
        long idx = index(http.get("/v1/health/service/quiet"));
        int before = agent.agent().watchCount();
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/v1/health/service/quiet?index=" + idx + "&wait=2s");
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().watchCount() > before);
        register("{\"Node\":\"b1\",\"Address\":\"10.3.0.1\",\"Service\":{\"Service\":\"noisy\",\"Tags\":[\"x\"]}}");
        Thread.sleep(300); // a wrong wake-up would answer within milliseconds
        assertThat(waiting).isNotDone();
        register("{\"Node\":\"b1\",\"Address\":\"10.3.0.1\",\"Service\":{\"Service\":\"quiet\",\"Tags\":[\"y\"]}}");
        HttpResponse<String> r = waiting.get();
        assertThat(index(r)).isGreaterThan(idx);
        assertThat(r.body()).contains("\"y\"");
    }

    @Test
    void nodeEndpointsAndDeregistration() throws Exception {
        register("{\"Node\":\"gone1\",\"Address\":\"10.4.0.1\",\"Service\":{\"ID\":\"s1\",\"Service\":\"svc\"},"
                + "\"Check\":{\"CheckID\":\"c1\",\"ServiceID\":\"s1\",\"Status\":\"passing\"}}");
        JsonNode node = json(http.get("/v1/catalog/node/gone1"));
        assertThat(node.get("Services").get("s1").get("Service").asText()).isEqualTo("svc");
        assertThat(json(http.get("/v1/catalog/node-services/gone1")).get("Services").get(0).get("ID").asText())
                .isEqualTo("s1");
        assertThat(http.put("/v1/catalog/deregister", "{\"Node\":\"gone1\",\"ServiceID\":\"s1\"}").body()).isEqualTo("true");
        assertThat(json(http.get("/v1/health/node/gone1"))).isEmpty();
        assertThat(http.put("/v1/catalog/deregister", "{\"node\":\"gone1\"}").body()).isEqualTo("true");
        HttpResponse<String> missing = http.get("/v1/catalog/node/gone1");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).isEqualTo("null");
    }

    @Test
    void filterExpressionsSelectEntriesAndBadOnesAre400() throws Exception {
        register("{\"Node\":\"f1\",\"Address\":\"10.5.0.1\",\"NodeMeta\":{\"rack\":\"r7\"},"
                + "\"Service\":{\"ID\":\"fw-1\",\"Service\":\"fweb\",\"Tags\":[\"primary\"],\"Port\":80}}");
        register("{\"Node\":\"f2\",\"Address\":\"10.5.0.2\",\"NodeMeta\":{\"rack\":\"r8\"},"
                + "\"Service\":{\"ID\":\"fw-2\",\"Service\":\"fweb\",\"Tags\":[\"replica\"],\"Port\":81}}");
        String q = java.net.URLEncoder.encode("Service.Tags contains \"primary\"", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode primary = json(http.get("/v1/health/service/fweb?filter=" + q));
        assertThat(primary).hasSize(1);
        assertThat(primary.get(0).get("Service").get("ID").asText()).isEqualTo("fw-1");
        String meta = java.net.URLEncoder.encode("NodeMeta.rack == r8 and ServicePort == 81",
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(http.get("/v1/catalog/service/fweb?filter=" + meta)).get(0).get("ServiceID").asText())
                .isEqualTo("fw-2");
        String nodes = java.net.URLEncoder.encode("Meta.rack in [\"r7\"]".replace("in [\"r7\"]", "== r7"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(http.get("/v1/catalog/nodes?filter=" + nodes))).hasSize(1);
        HttpResponse<String> bad = http.get("/v1/health/service/fweb?filter=" + java.net.URLEncoder.encode(
                "Service.Tags ==", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("Failed to create boolean expression evaluator");
    }

    @Test
    void badRegistrationsAreClear400s() throws Exception {
        assertThat(http.put("/v1/catalog/register", "{\"Address\":\"1.2.3.4\"}").body()).isEqualTo("Must provide node");
        assertThat(http.put("/v1/catalog/register", "{\"Node\":\"x\"}").body()).isEqualTo("Must provide address");
        assertThat(http.put("/v1/catalog/register", "{\"Node\":\"x\",\"Address\":\"a\",\"Service\":{}}").body())
                .isEqualTo("Must provide service name");
        assertThat(http.put("/v1/catalog/register",
                "{\"Node\":\"x\",\"Address\":\"a\",\"Check\":{\"CheckID\":\"c\",\"Status\":\"sleepy\"}}").statusCode())
                .isEqualTo(400);
        assertThat(http.put("/v1/catalog/register",
                "{\"Node\":\"x\",\"Address\":\"a\",\"Check\":{\"CheckID\":\"c\",\"ServiceID\":\"nope\"}}").statusCode())
                .isEqualTo(400);
        assertThat(http.put("/v1/catalog/register", "{\"Node\":").statusCode()).isEqualTo(400);
        assertThat(http.put("/v1/catalog/register", "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> dc = http.put("/v1/catalog/register", "{\"Node\":\"x\",\"Address\":\"a\",\"Datacenter\":\"dc9\"}");
        assertThat(dc.statusCode()).isEqualTo(500);
        assertThat(dc.body()).isEqualTo("No path to datacenter");
        assertThat(http.get("/v1/catalog/nodes").body()).doesNotContain("\"x\"");
    }
}
