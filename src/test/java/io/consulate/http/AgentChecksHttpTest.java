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

class AgentChecksHttpTest {
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
    void ttlCheckStartsCriticalAndFollowsPassWarnFail() throws Exception {
        assertThat(http.put("/v1/agent/service/register",
                "{\"name\":\"ttl-svc\",\"id\":\"ttl-1\",\"check\":{\"ttl\":\"30s\"}}").statusCode()).isEqualTo(200);
        JsonNode check = json(http.get("/v1/agent/checks")).get("service:ttl-1");
        assertThat(check.get("Status").asText()).isEqualTo("critical");
        assertThat(check.get("Type").asText()).isEqualTo("ttl");
        assertThat(check.get("ServiceName").asText()).isEqualTo("ttl-svc");
        assertThat(json(http.get("/v1/health/service/ttl-svc?passing"))).isEmpty();

        assertThat(http.put("/v1/agent/check/pass/service:ttl-1?note=all+good", "").statusCode()).isEqualTo(200);
        JsonNode passing = json(http.get("/v1/health/service/ttl-svc?passing"));
        assertThat(passing).hasSize(1);
        assertThat(passing.get(0).get("Checks").get(1).get("Output").asText()).isEqualTo("all good");

        http.put("/v1/agent/check/warn/service:ttl-1?note=slow", "");
        assertThat(json(http.get("/v1/health/service/ttl-svc?passing"))).isEmpty();
        assertThat(json(http.get("/v1/health/checks/ttl-svc")).get(0).get("Status").asText()).isEqualTo("warning");

        http.put("/v1/agent/check/update/service:ttl-1", "{\"Status\":\"passing\",\"Output\":\"back\"}");
        assertThat(json(http.get("/v1/agent/checks")).get("service:ttl-1").get("Output").asText()).isEqualTo("back");
        assertThat(http.put("/v1/agent/check/update/service:ttl-1", "{\"Status\":\"fine\"}").statusCode()).isEqualTo(400);
        http.put("/v1/agent/check/fail/service:ttl-1", "");
        assertThat(json(http.get("/v1/health/state/critical")).toString()).contains("service:ttl-1");
    }

    @Test
    void severalChecksGetNumberedIds() throws Exception {
        http.put("/v1/agent/service/register",
                "{\"Name\":\"multi\",\"Checks\":[{\"TTL\":\"10s\"},{\"TTL\":\"20s\",\"Status\":\"passing\"}]}");
        JsonNode checks = json(http.get("/v1/agent/checks"));
        assertThat(checks.has("service:multi:1")).isTrue();
        assertThat(checks.get("service:multi:2").get("Status").asText()).isEqualTo("passing");
        assertThat(checks.get("service:multi:1").get("Name").asText()).isEqualTo("Service 'multi' check");
    }

    @Test
    void standaloneCheckRegistrationAndDeregistration() throws Exception {
        assertThat(http.put("/v1/agent/check/register", "{\"Name\":\"disk\",\"TTL\":\"15s\"}").statusCode())
                .isEqualTo(200);
        assertThat(json(http.get("/v1/agent/checks")).has("disk")).isTrue();
        assertThat(json(http.get("/v1/health/node/test-node")).toString()).contains("\"disk\"");
        assertThat(http.put("/v1/agent/check/deregister/disk", "").statusCode()).isEqualTo(200);
        assertThat(json(http.get("/v1/health/node/test-node")).toString()).doesNotContain("\"disk\"");
        assertThat(http.put("/v1/agent/check/deregister/disk", "").statusCode()).isEqualTo(404);
    }

    @Test
    void badCheckRegistrationsAreRefusedClearly() throws Exception {
        HttpResponse<String> unknownService = http.put("/v1/agent/check/register",
                "{\"Name\":\"c\",\"TTL\":\"15s\",\"ServiceID\":\"nope\"}");
        assertThat(unknownService.statusCode()).isEqualTo(400);
        assertThat(unknownService.body()).contains("nope");
        HttpResponse<String> script = http.put("/v1/agent/check/register",
                "{\"Name\":\"s\",\"Args\":[\"/bin/true\"],\"Interval\":\"10s\"}");
        // Consul answers a refused script check with a 500 and this text; clients match on the text.
        assertThat(script.statusCode()).isEqualTo(500);
        assertThat(script.body()).contains("enable_script_checks");
        assertThat(http.put("/v1/agent/check/register", "{\"Name\":\"h\",\"HTTP\":\"http://x\"}").statusCode())
                .isEqualTo(400);
        assertThat(http.put("/v1/agent/check/pass/nope", "").statusCode()).isEqualTo(404);
        http.put("/v1/agent/service/register", "{\"Name\":\"httpsvc\",\"Check\":{\"HTTP\":\"http://127.0.0.1:1/\",\"Interval\":\"10s\"}}");
        HttpResponse<String> notTtl = http.put("/v1/agent/check/pass/service:httpsvc", "");
        assertThat(notTtl.statusCode()).isEqualTo(500);
        assertThat(notTtl.body()).contains("does not have associated TTL");
    }
}
