// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent config's {@code watches}: started with the agent, script and HTTP handlers, and the reload rule. */
class AgentConfigWatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestAgent agentWith(Path dir, Object watches) throws Exception {
        Path cfg = dir.resolve("watches.json");
        Files.writeString(cfg, JSON.writeValueAsString(Map.of("watches", watches)));
        return TestAgent.start("-config-file=" + cfg);
    }

    private static Map<String, Object> scriptWatch(String key, Path log) {
        return Map.of("type", "key", "key", key, "handler_type", "script", "args",
                List.of("/bin/sh", "-c", "cat >> " + log + "; echo \"index=$CONSUL_INDEX\" >> " + log));
    }

    /** The values the script saw, in order, each checked against the CONSUL_INDEX it was run with. */
    private static List<String> seen(Path log) throws Exception {
        List<String> values = new ArrayList<>();
        if (!Files.exists(log)) {
            return values;
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            JsonNode kv = JSON.readTree(lines.get(i));
            assertThat(lines.get(i + 1)).isEqualTo("index=" + kv.get("ModifyIndex").asLong());
            values.add(new String(Base64.getDecoder().decode(kv.get("Value").asText()), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void scriptWatchFromConfigRunsOncePerChangeAndNotAgainOnAPlainReload(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Map<String, Object> watch = scriptWatch("cfg/k", log);
        try (TestAgent agent = agentWith(dir, List.of(watch))) {
            Http http = new Http(agent.httpAddress());
            http.put("/v1/kv/cfg/k", "v1");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen(log).size() == 1);
            http.put("/v1/kv/cfg/k", "v2");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen(log).size() == 2);

            agent.agent().watches().reload(List.of(watch), false); // unchanged entry: keeps its position
            http.put("/v1/kv/cfg/k", "v3");
            await().atMost(Duration.ofSeconds(20)).until(() -> seen(log).size() >= 3);
            assertThat(seen(log)).containsExactly("v1", "v2", "v3");

            agent.agent().watches().reload(List.of(watch), true); // asked to re-run: the current state once more
            await().atMost(Duration.ofSeconds(20)).until(() -> seen(log).size() >= 4);
            assertThat(seen(log)).containsExactly("v1", "v2", "v3", "v3");

            agent.agent().watches().reload(List.of(), false);
            assertThat(agent.agent().watches().size()).isZero();
        }
    }

    @Test
    void httpWatchPostsEachChangeWithIndexAndConfiguredHeaders(@TempDir Path dir) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            received.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Consul-Index") + " "
                    + ex.getRequestHeaders().getFirst("X-Team") + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.start();
        try (TestAgent agent = agentWith(dir, List.of(Map.of("type", "event", "name", "deploy",
                "handler_type", "http", "http_handler_config", Map.of("path", "http://127.0.0.1:"
                        + hook.getAddress().getPort() + "/hook", "method", "PUT", "header",
                        Map.of("X-Team", List.of("ops")), "timeout", "5s"))))) {
            Http http = new Http(agent.httpAddress());
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1); // the empty start state
            String id = JSON.readTree(http.put("/v1/event/fire/deploy", "go").body()).get("ID").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            assertThat(received.get(0)).endsWith(" ops []");
            String second = received.get(1);
            assertThat(second).startsWith("PUT " + Long.toUnsignedString(io.consulate.event.EventIndex.of(id))
                    + " ops [{");
            assertThat(JSON.readTree(second.substring(second.indexOf('['))).get(0).get("ID").asText()).isEqualTo(id);
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void agentRefusesToStartWithAnInvalidWatch(@TempDir Path dir) {
        assertThatThrownBy(() -> agentWith(dir, List.of(Map.of("type", "key", "args", List.of("true")))))
                .hasMessage("Failed to compile watch parameters (watches[0]): Must specify a single key to watch");
    }
}
