// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.agent.config.ConfigLoader;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /v1/agent/reload}: config-file services and checks follow the files; API registrations stay. */
class AgentReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode services(Http http) throws Exception {
        return JSON.readTree(http.get("/v1/agent/services").body());
    }

    private TestAgent start(Path file) throws Exception {
        TestAgent agent = TestAgent.start("-config-file=" + file);
        List<String> args = List.of("-dev", "-config-file=" + file);
        agent.agent().reloader().source(() -> {
            try {
                return ConfigLoader.load(args);
            } catch (Exception e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        return agent;
    }

    @Test
    void reloadAddsChangesAndRemovesConfiguredServicesButKeepsApiRegistrations() throws Exception {
        Path file = Files.writeString(dir.resolve("svc.hcl"), """
                service { name = "web" port = 80 }
                service { name = "old" port = 90 }
                """);
        try (TestAgent agent = start(file)) {
            Http http = new Http(agent.httpAddress());
            assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"manual\",\"Port\":7}").statusCode())
                    .isEqualTo(200);
            Files.writeString(file, """
                    service { name = "web" port = 81 }
                    service { name = "api" port = 82 check { ttl = "1h" } }
                    """);
            assertThat(http.put("/v1/agent/reload", "").statusCode()).isEqualTo(200);
            JsonNode s = services(http);
            assertThat(s.path("web").path("Port").asInt()).isEqualTo(81);
            assertThat(s.path("api").path("Port").asInt()).isEqualTo(82);
            assertThat(s.has("old")).isFalse();
            assertThat(s.has("manual")).isTrue();
            assertThat(JSON.readTree(http.get("/v1/agent/checks").body()).has("service:api")).isTrue();
        }
    }

    @Test
    void badFileOnReloadIs500AndChangesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("svc.json"), "{\"service\": {\"name\": \"web\", \"port\": 80}}");
        try (TestAgent agent = start(file)) {
            Http http = new Http(agent.httpAddress());
            Files.writeString(file, "{\"service\": {\"port\": 1}}");
            var r = http.put("/v1/agent/reload", "");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).startsWith("Failed to reload configs: ");
            assertThat(services(http).path("web").path("Port").asInt()).isEqualTo(80);
            Files.writeString(file, "{\"service\": {\"name\": \"web\", \"port\": 80}, \"not_a_key\": 1}");
            assertThat(http.put("/v1/agent/reload", "").body()).contains("not_a_key");
            assertThat(services(http).has("web")).isTrue();
            Files.writeString(file, "{\"check\": {\"id\": \"c\", \"ttl\": \"1h\", \"service_id\": \"nope\"}}");
            assertThat(http.put("/v1/agent/reload", "").body()).contains("ServiceID \"nope\" does not exist");
            assertThat(services(http).path("web").path("Port").asInt()).isEqualTo(80);
        }
    }
}
