package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        // The agent's own start work (Raft election, self-registration, listeners), not the JVM's first loading
        // of Ratis, Netty and Jackson: a throwaway agent loads those first. The process figure, JVM included,
        // is measured by bench/startup-bench.sh through bin/consulate.
        TestAgent.start().close();
        long t0 = System.nanoTime();
        agent = TestAgent.start("-datacenter=east");
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        http = new Http(agent.httpAddress());
    }

    private static long startMillis;

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    @Test
    void devAgentHasALeaderAndServesWithinTwoSeconds() throws Exception {
        assertThat(startMillis).isLessThan(2000);
        assertThat(http.get("/v1/status/leader").body()).matches("\"127\\.0\\.0\\.1:\\d+\"");
    }

    @Test
    void peersListTheLeader() throws Exception {
        JsonNode peers = JSON.readTree(http.get("/v1/status/peers").body());
        assertThat(peers.get(0).asText()).isEqualTo(JSON.readTree(http.get("/v1/status/leader").body()).asText());
    }

    @Test
    void agentSelfHasExactlyTheSixObjectsClientsRead() throws Exception {
        JsonNode self = JSON.readTree(http.get("/v1/agent/self").body());
        List<String> keys = new ArrayList<>();
        self.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("Config", "DebugConfig", "Coord", "Member", "Stats", "Meta");
        self.forEach(v -> assertThat(v.isObject()).isTrue());
        JsonNode config = self.get("Config");
        assertThat(config.get("Datacenter").asText()).isEqualTo("east");
        assertThat(config.get("NodeName").asText()).isEqualTo("test-node");
        assertThat(config.get("Server").asBoolean()).isTrue();
        assertThat(config.get("Version").asText()).isNotEmpty();
        assertThat(config.get("Revision").asText()).isNotEmpty();
        assertThat(config.get("SessionTTLMin").asLong()).isEqualTo(10_000_000_000L);
        assertThat(self.get("Stats").get("consul").get("leader_addr").asText())
                .isEqualTo(JSON.readTree(http.get("/v1/status/leader").body()).asText());
    }

    @Test
    void membersListThisNodeAliveAndWanNamesCarryTheDatacenter() throws Exception {
        JsonNode members = JSON.readTree(http.get("/v1/agent/members").body());
        assertThat(members).hasSize(1);
        JsonNode m = members.get(0);
        assertThat(m.get("Name").asText()).isEqualTo("test-node");
        assertThat(m.get("Status").asInt()).isEqualTo(1);
        assertThat(m.get("Tags").get("dc").asText()).isEqualTo("east");
        assertThat(m.get("Tags").get("role").asText()).isEqualTo("consul");
        assertThat(JSON.readTree(http.get("/v1/agent/self").body()).get("Member")).isEqualTo(m);
        assertThat(JSON.readTree(http.get("/v1/agent/members?wan=1").body()).get(0).get("Name").asText())
                .isEqualTo("test-node.east");
    }

    @Test
    void datacentersAndVersion() throws Exception {
        assertThat(http.get("/v1/catalog/datacenters").body()).isEqualTo("[\"east\"]");
        assertThat(JSON.readTree(http.get("/v1/agent/version").body()).get("HumanVersion").asText()).isNotEmpty();
    }
}
