// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.agent.config.ConfigLoader;
import io.consulate.testing.TestAgent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent stops what it started, also when a start fails half-way. */
class AgentLifecycleTest {

    @Test
    void startThatFailsOnABusyHttpPortReleasesTheRaftPort() throws Exception {
        int raftPort = TestAgent.freePort();
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> args = List.of("-dev", "-http-port=" + busy.getLocalPort(), "-server-port=" + raftPort,
                    "-dns-port=-1", "-node=n1");
            assertThatThrownBy(() -> Agent.start(ConfigLoader.load(args))).isNotNull();
        }
        List<String> again = List.of("-dev", "-http-port=" + TestAgent.freePort(), "-server-port=" + raftPort,
                "-dns-port=-1", "-node=n1");
        try (Agent agent = Agent.start(ConfigLoader.load(again))) {
            assertThat(agent.info().nodeName()).isEqualTo("n1");
        }
    }

    @Test
    void closedAgentFreesItsHttpPort() throws Exception {
        int http = TestAgent.freePort();
        List<String> args = List.of("-dev", "-http-port=" + http, "-server-port=" + TestAgent.freePort(),
                "-dns-port=-1", "-node=n2");
        Agent.start(ConfigLoader.load(args)).close();
        try (ServerSocket reuse = new ServerSocket(http, 50, InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(http);
        }
    }
}
