package io.consulate.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final Instant AT = Instant.parse("2026-11-24T15:00:00.123Z");

    @Test
    void textLineLooksLikeConsuls() {
        assertThat(LogLine.text(AT, LogSettings.Level.INFO, "agent", "Started HTTP server", null))
                .isEqualTo("2026-11-24T15:00:00.123Z [INFO]  agent: Started HTTP server");
        assertThat(LogLine.text(AT, LogSettings.Level.WARN, "agent", "slow", null)).contains("[WARN]  agent: slow");
    }

    @Test
    void jsonLineIsValidJsonWithConsulsKeys() throws Exception {
        String line = LogLine.json(AT, LogSettings.Level.ERROR, "http", "bad \"quote\"\nnewline\u0001",
                new IllegalStateException("boom"));
        var node = new ObjectMapper().readTree(line);
        assertThat(node.get("@level").asText()).isEqualTo("error");
        assertThat(node.get("@message").asText()).isEqualTo("bad \"quote\"\nnewline\u0001");
        assertThat(node.get("@module").asText()).isEqualTo("http");
        assertThat(node.get("@timestamp").asText()).isEqualTo("2026-11-24T15:00:00.123Z");
        assertThat(node.get("error").asText()).contains("boom");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void moduleIsTheComponent() {
        assertThat(LogLine.module("io.consulate.agent.Agent")).isEqualTo("agent");
        assertThat(LogLine.module("io.consulate.http.Dispatcher")).isEqualTo("http");
        assertThat(LogLine.module("org.apache.ratis.server.impl.RaftServerImpl")).isEqualTo("agent.server.raft");
    }

    @Test
    void librariesStayQuietBelowWarnUnlessTracing() {
        LogSettings.configure("debug", false, System.err);
        assertThat(LogSettings.enabled("io.consulate.agent.Agent", LogSettings.Level.DEBUG)).isTrue();
        assertThat(LogSettings.enabled("org.apache.ratis.server.RaftServer", LogSettings.Level.INFO)).isFalse();
        assertThat(LogSettings.enabled("org.apache.ratis.server.RaftServer", LogSettings.Level.WARN)).isTrue();
        LogSettings.configure("trace", false, System.err);
        assertThat(LogSettings.enabled("org.apache.ratis.server.RaftServer", LogSettings.Level.TRACE)).isTrue();
        LogSettings.configure("info", false, System.err);
    }
}
