// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.Test;

class ReloadAgainstAgentTest {

    @Test
    void reloadTriggersTheAgentAndSaysSo() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            CliRun r = CliRun.against(agent.httpAddress(), "reload");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("Configuration reload triggered\n");
        }
    }

    @Test
    void unreachableAgentIsExit1WithTheReason() {
        CliRun r = CliRun.against("127.0.0.1:1", "reload");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error reloading: ");
    }
}
