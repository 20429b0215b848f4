package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentServicesHttpTest {
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

    @Test
    void registeredServiceIsImmediatelyDiscoverableEverywhere() throws Exception {
        HttpResponse<String> r = http.put("/v1/agent/service/register",
                "{\"name\":\"payment-service\",\"id\":\"payment-1\",\"address\":\"10.0.0.5\",\"port\":8080,"
                        + "\"tags\":[\"v1\"],\"meta\":{\"team\":\"pay\"},\"enabletagoverride\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode services = json(http.get("/v1/agent/services"));
        assertThat(services.has("consul")).isFalse();
        JsonNode s = services.get("payment-1");
        assertThat(s.get("Service").asText()).isEqualTo("payment-service");
        assertThat(s.get("Address").asText()).isEqualTo("10.0.0.5");
        assertThat(s.get("Port").asInt()).isEqualTo(8080);
        assertThat(s.get("EnableTagOverride").asBoolean()).isTrue();
        assertThat(s.get("Weights").toString()).contains("\"Passing\":1");
        assertThat(s.get("Datacenter").asText()).isEqualTo("dc1");

        JsonNode health = json(http.get("/v1/health/service/payment-service?passing"));
        assertThat(health).hasSize(1);
        assertThat(health.get(0).get("Service").get("Address").asText()).isEqualTo("10.0.0.5");
        assertThat(health.get(0).get("Checks").get(0).get("CheckID").asText()).isEqualTo("serfHealth");
        assertThat(json(http.get("/v1/catalog/services")).get("payment-service").toString()).isEqualTo("[\"v1\"]");

        HttpResponse<String> one = http.get("/v1/agent/service/payment-1");
        assertThat(one.headers().firstValue("X-Consul-ContentHash")).isPresent();
        assertThat(json(one).get("ID").asText()).isEqualTo("payment-1");
    }

    @Test
    void kiwiStyleIdKeyAndIdDefaultingToName() throws Exception {
        http.put("/v1/agent/service/register", "{\"Id\":\"kiwi-1\",\"Name\":\"kiwi\"}");
        http.put("/v1/agent/service/register", "{\"Name\":\"plain\"}");
        JsonNode services = json(http.get("/v1/agent/services"));
        assertThat(services.get("kiwi-1").get("Service").asText()).isEqualTo("kiwi");
        assertThat(services.get("plain").get("ID").asText()).isEqualTo("plain");
    }

    @Test
    void deregisterRemovesFromCatalogAndUnknownIdIs404() throws Exception {
        http.put("/v1/agent/service/register", "{\"Name\":\"temp\",\"ID\":\"temp/1\"}");
        assertThat(json(http.get("/v1/catalog/service/temp"))).hasSize(1);
        assertThat(http.put("/v1/agent/service/deregister/temp%2F1", "").statusCode()).isEqualTo(200);
        assertThat(json(http.get("/v1/catalog/service/temp"))).isEmpty();
        assertThat(json(http.get("/v1/agent/services")).has("temp/1")).isFalse();
        HttpResponse<String> unknown = http.put("/v1/agent/service/deregister/nope", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("Unknown service ID \"nope\"");
        assertThat(http.get("/v1/agent/service/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void missingNameIsA400() throws Exception {
        HttpResponse<String> r = http.put("/v1/agent/service/register", "{\"port\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Missing service name");
        assertThat(http.put("/v1/agent/service/register", "{bad").statusCode()).isEqualTo(400);
    }

    @Test
    void serviceMaintenanceAddsCriticalCheckAndLocalHealthAnswers503() throws Exception {
        http.put("/v1/agent/service/register", "{\"Name\":\"maint\",\"ID\":\"maint-1\"}");
        assertThat(http.get("/v1/agent/health/service/id/maint-1").statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/agent/service/maintenance/maint-1?enable=true&reason=upgrading", "").statusCode())
                .isEqualTo(200);
        JsonNode check = json(http.get("/v1/agent/checks")).get("_service_maintenance:maint-1");
        assertThat(check.get("Status").asText()).isEqualTo("critical");
        assertThat(check.get("Notes").asText()).isEqualTo("upgrading");
        assertThat(json(http.get("/v1/health/service/maint?passing"))).isEmpty();
        HttpResponse<String> local = http.get("/v1/agent/health/service/id/maint-1");
        assertThat(local.statusCode()).isEqualTo(503);
        assertThat(json(local).get("AggregatedStatus").asText()).isEqualTo("maintenance");
        assertThat(http.get("/v1/agent/health/service/name/maint").statusCode()).isEqualTo(503);
        http.put("/v1/agent/service/maintenance/maint-1?enable=false", "");
        assertThat(json(http.get("/v1/health/service/maint?passing"))).hasSize(1);
        assertThat(http.put("/v1/agent/service/maintenance/maint-1", "").statusCode()).isEqualTo(400);
        assertThat(http.put("/v1/agent/service/maintenance/nope?enable=true", "").statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/agent/health/service/id/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void nodeMaintenanceTakesEveryServiceOutOfPassing() throws Exception {
        http.put("/v1/agent/service/register", "{\"Name\":\"nm\"}");
        http.put("/v1/agent/maintenance?enable=true", "");
        try {
            assertThat(json(http.get("/v1/health/service/nm?passing"))).isEmpty();
            assertThat(json(http.get("/v1/agent/checks")).get("_node_maintenance").get("Notes").asText())
                    .contains("no reason was provided");
        } finally {
            http.put("/v1/agent/maintenance?enable=false", "");
        }
        assertThat(json(http.get("/v1/health/service/nm?passing"))).hasSize(1);
    }

    @Test
    void agentChecksNeverListSerfHealth() throws Exception {
        assertThat(json(http.get("/v1/agent/checks")).has("serfHealth")).isFalse();
    }

    @Test
    void catalogEntriesOfThisNodeTheAgentDoesNotKnowAreRemovedBySync() throws Exception {
        http.put("/v1/catalog/register", "{\"Node\":\"test-node\",\"Address\":\"127.0.0.1\","
                + "\"Service\":{\"ID\":\"stray\",\"Service\":\"stray\"}}");
        assertThat(json(http.get("/v1/catalog/service/stray"))).hasSize(1);
        http.put("/v1/agent/service/register", "{\"Name\":\"trigger-sync\"}");
        assertThat(json(http.get("/v1/catalog/service/stray"))).isEmpty();
        assertThat(json(http.get("/v1/catalog/service/consul"))).hasSize(1);
    }

    @Test
    void reRegisteringAServiceKeepsTheStatusAndOutputOfItsChecks() throws Exception {
        String body = "{\"Name\":\"beat\",\"Check\":{\"TTL\":\"10m\"}}";
        http.put("/v1/agent/service/register", body);
        http.put("/v1/agent/check/pass/service:beat?note=alive", "");
        assertThat(http.put("/v1/agent/service/register", body).statusCode()).isEqualTo(200);
        JsonNode check = json(http.get("/v1/agent/checks")).get("service:beat");
        assertThat(check.get("Status").asText()).isEqualTo("passing");
        assertThat(check.get("Output").asText()).isEqualTo("alive");
        assertThat(json(http.get("/v1/health/service/beat?passing"))).hasSize(1);
    }
}
