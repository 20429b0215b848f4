package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services and checks written in config files (JSON and HCL) are registered when the agent starts. */
class ConfiguredServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private HttpServer target;

    @BeforeEach
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes());
            ex.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    private static JsonNode get(Http http, String path) throws Exception {
        return JSON.readTree(http.get(path).body());
    }

    @Test
    void jsonAndHclFilesInAConfigDirRegisterTheirServicesAndChecks() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(conf.resolve("web.json"), """
                {"service": {"name": "web", "id": "web-1", "port": 8080, "tags": ["v1"],
                             "check": {"http": "http://127.0.0.1:%d/health", "interval": "200ms"}},
                 "services": [{"Name": "db", "Checks": [{"TTL": "1h", "Status": "passing"}, {"TTL": "1h"}]}]}
                """.formatted(target.getAddress().getPort()));
        Files.writeString(conf.resolve("cache.hcl"), """
                services {
                  name = "cache"
                  port = 6379
                  meta { team = "infra" }
                  check { id = "cache-ttl" ttl = "30s" status = "warning" }
                }
                check { id = "mem" name = "Memory" ttl = "1h" status = "passing" }
                checks = [{ id = "cache-extra", ttl = "1h", service_id = "cache" }]
                """);
        try (TestAgent agent = TestAgent.start("-config-dir=" + conf)) {
            Http http = new Http(agent.httpAddress());
            JsonNode services = get(http, "/v1/agent/services");
            assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("web-1", "db", "cache");
            assertThat(services.get("web-1").get("Port").asInt()).isEqualTo(8080);
            assertThat(services.get("cache").get("Meta").get("team").asText()).isEqualTo("infra");

            JsonNode checks = get(http, "/v1/agent/checks");
            assertThat(checks.fieldNames()).toIterable().containsExactlyInAnyOrder("service:web-1", "service:db:1",
                    "service:db:2", "cache-ttl", "mem", "cache-extra");
            assertThat(checks.get("service:db:1").get("Status").asText()).isEqualTo("passing");
            assertThat(checks.get("service:db:2").get("Name").asText()).isEqualTo("Service 'db' check");
            assertThat(checks.get("cache-ttl").get("Status").asText()).isEqualTo("warning");
            assertThat(checks.get("cache-extra").get("ServiceName").asText()).isEqualTo("cache");
            assertThat(checks.get("mem").get("ServiceID").asText()).isEmpty();
            assertThat(checks.get("mem").get("Name").asText()).isEqualTo("Memory");

            assertThat(get(http, "/v1/catalog/service/cache").get(0).get("ServicePort").asInt()).isEqualTo(6379);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get(http, "/v1/health/service/web?passing")).hasSize(1));
        }
    }

    @Test
    void aConfigFileTakesServicesAndChecksTooAndTheyCanBeUpdatedThroughTheApi() throws Exception {
        Path file = Files.writeString(dir.resolve("one.hcl"), """
                service {
                  name = "api"
                  checks = [{ ttl = "1h" }, { ttl = "1h", status = "passing" }]
                }
                """);
        try (TestAgent agent = TestAgent.start("-config-file=" + file)) {
            Http http = new Http(agent.httpAddress());
            assertThat(http.put("/v1/agent/check/pass/service:api:1?note=up", "").statusCode()).isEqualTo(200);
            JsonNode health = get(http, "/v1/health/checks/api");
            assertThat(health).hasSize(2);
            assertThat(get(http, "/v1/health/service/api?passing")).hasSize(1);
        }
    }

    @Test
    void anInvalidDefinitionStopsTheAgentFromStartingAndSaysWhy() throws Exception {
        Path noName = Files.writeString(dir.resolve("bad.json"), "{\"service\": {\"port\": 1}}");
        assertThatThrownBy(() -> TestAgent.start("-config-file=" + noName))
                .hasMessageContaining("invalid service definition").hasMessageContaining("Missing service name");

        Path orphan = Files.writeString(dir.resolve("orphan.json"),
                "{\"check\": {\"id\": \"c\", \"ttl\": \"1m\", \"service_id\": \"nope\"}}");
        assertThatThrownBy(() -> TestAgent.start("-config-file=" + orphan))
                .hasMessageContaining("ServiceID \"nope\" does not exist");

        Path script = Files.writeString(dir.resolve("script.json"),
                "{\"check\": {\"id\": \"s\", \"args\": [\"true\"], \"interval\": \"10s\"}}");
        assertThatThrownBy(() -> TestAgent.start("-config-file=" + script))
                .hasMessageContaining("invalid check definition \"s\"");
    }
}
