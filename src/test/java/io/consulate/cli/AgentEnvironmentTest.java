// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code members} and the agent-address environment, against a real in-process agent. */
class AgentEnvironmentTest {
    private static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    @Test
    void consulHttpAddrEnvironmentVariablePointsTheCliAtTheAgent() {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", agent.httpAddress());

        assertThat(CliRun.withEnv(env, "kv", "put", "env/k", "v").exit()).isZero();
        assertThat(CliRun.withEnv(env, "kv", "get", "env/k").out()).isEqualTo("v\n");
    }

    @Test
    void consulHttpAddrMayBeHostAndPortWithoutAScheme() {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + agent.httpPort());

        assertThat(CliRun.withEnv(env, "kv", "put", "env/plain", "v").exit()).isZero();
    }

    @Test
    void httpAddrFlagWinsOverTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:" + TestAgent.freePort());

        CliRun r = CliRun.run(env, new byte[0], CliRun.withAddr(agent.httpAddress(), "kv", "put", "env/flag", "v"));

        assertThat(r.exit()).isZero();
    }

    @Test
    void membersListsTheAgentAsAnAliveServerInConsulsTable() {
        CliRun r = CliRun.against(agent.httpAddress(), "members");

        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0].split(" {2,}"))
                .containsExactly("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment");
        assertThat(lines[1].split(" {2,}")).hasSize(9).startsWith("test-node").contains("alive", "server", "1.22.0",
                "2", "dc1", "default", "<all>");
        assertThat(lines[1].split(" {2,}")[1]).matches("[0-9.]+:\\d+");
    }

    @Test
    void membersDetailedShowsAllTags() {
        CliRun r = CliRun.against(agent.httpAddress(), "members", "-detailed");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Node").contains("Tags", "role=consul", "dc=dc1", "ap=default",
                "segment=<all>", "build=1.22.0:");
    }

    @Test
    void membersWithAStatusThatMatchesNobodyExits2Silently() {
        assertThat(CliRun.against(agent.httpAddress(), "members", "-status=failed")).isEqualTo(new CliRun(2, "", ""));
        assertThat(CliRun.against(agent.httpAddress(), "members", "-status=ali").exit()).isZero();
    }

    @Test
    void membersWanNamesTheNodeWithItsDatacenter() {
        assertThat(CliRun.against(agent.httpAddress(), "members", "-wan").out()).contains("test-node.dc1");
    }
}
