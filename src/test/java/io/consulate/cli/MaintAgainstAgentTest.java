// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code maint} end to end against a real in-process agent (node {@code test-node}). */
class MaintAgainstAgentTest {
    private static TestAgent agent;
    private static String addr;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        addr = agent.httpAddress();
        CliRun.against(addr, "services", "register", "-name=redis", "-id=redis-1");
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.against(addr, args);
    }

    @Test
    void enableListDisableForNodeAndService() {
        assertThat(cli("maint")).isEqualTo(new CliRun(0, "", ""));

        assertThat(cli("maint", "-enable", "-reason=kernel upgrade"))
                .isEqualTo(new CliRun(0, "Node maintenance is now enabled\n", ""));
        assertThat(cli("maint", "-enable", "-service=redis-1", "-reason=resharding"))
                .isEqualTo(new CliRun(0, "Service maintenance is now enabled for \"redis-1\"\n", ""));

        assertThat(cli("maint")).isEqualTo(new CliRun(0, """
                Node:
                  Name:   test-node
                  Reason: kernel upgrade

                Service:
                  ID:     redis-1
                  Reason: resharding

                """, ""));

        assertThat(cli("maint", "-disable"))
                .isEqualTo(new CliRun(0, "Node maintenance is now disabled\n", ""));
        assertThat(cli("maint", "-disable", "-service=redis-1"))
                .isEqualTo(new CliRun(0, "Service maintenance is now disabled for \"redis-1\"\n", ""));
        assertThat(cli("maint")).isEqualTo(new CliRun(0, "", ""));
    }

    @Test
    void unknownServiceIsTheAgentsError() {
        CliRun run = cli("maint", "-enable", "-service=no-such");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error enabling service maintenance: Unexpected response code: 404 (");
    }

    @Test
    void conflictingFlagsAreRefusedBeforeAnyRequest() {
        assertThat(CliRun.run("maint", "-enable", "-disable"))
                .isEqualTo(new CliRun(1, "", "Only one of -enable or -disable may be provided\n"));
        assertThat(CliRun.run("maint", "-reason=x"))
                .isEqualTo(new CliRun(1, "", "Reason may only be provided with -enable\n"));
        assertThat(CliRun.run("maint", "-disable", "-reason=x"))
                .isEqualTo(new CliRun(1, "", "Reason may only be provided with -enable\n"));
        assertThat(CliRun.run("maint", "-service=web"))
                .isEqualTo(new CliRun(1, "", "Service requires either -enable or -disable\n"));
    }

    @Test
    void anUnreachableAgentIsAQueryError() throws Exception {
        CliRun run = CliRun.against("127.0.0.1:" + TestAgent.freePort(), "maint");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error querying Consul agent: Get ");
    }
}
