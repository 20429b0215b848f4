package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent process as an operator meets it: flags, config files, warnings, refusals, signals. */
class AgentStartupTest {
    @TempDir
    Path dir;

    private String runToExit(String... args) throws Exception {
        try (AgentProcess p = AgentProcess.start(dir, AgentProcess.freePort(), args)) {
            assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.process.exitValue()).isEqualTo(1);
            return Files.readString(p.log);
        }
    }

    @Test
    void unknownFlagStopsStartupNamingIt() throws Exception {
        assertThat(runToExit("-dev", "-no-such-flag=1")).contains("-no-such-flag");
    }

    @Test
    void badFlagValueStopsStartupNamingIt() throws Exception {
        assertThat(runToExit("-dev", "-bootstrap-expect=many")).contains("bootstrap-expect");
    }

    @Test
    void unknownConfigKeyStopsStartupNamingKeyAndFile() throws Exception {
        Path cfg = dir.resolve("bad.json");
        Files.writeString(cfg, "{\"datacenter\":\"dc1\",\"not_a_consul_key\":true}");
        assertThat(runToExit("-dev", "-config-file=" + cfg)).contains("not_a_consul_key").contains("bad.json");
    }

    @Test
    void consulOptionsNotActedOnAreNamedInOneWarningAndHclConfigApplies() throws Exception {
        Path cfgDir = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(cfgDir.resolve("a.hcl"), """
                datacenter = "west"
                encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="
                ports { serf_lan = 8311 }
                """);
        Files.writeString(cfgDir.resolve("b.json"), "{\"node_name\":\"from-json\"}");
        int http = AgentProcess.freePort();
        try (AgentProcess p = AgentProcess.start(dir, http, "-dev", "-server-port=" + AgentProcess.freePort(),
                "-dns-port=-1", "-config-dir=" + cfgDir, "-retry-join-wan=127.0.0.9")) {
            p.awaitLeader(Duration.ofSeconds(30));
            var client = new io.consulate.testing.Http("http://127.0.0.1:" + http);
            String self = client.get("/v1/agent/self").body();
            assertThat(self).contains("\"Datacenter\":\"west\"").contains("\"NodeName\":\"from-json\"");
            String log = Files.readString(p.log);
            assertThat(log.lines().filter(l -> l.contains("not acted on"))).hasSize(1);
            assertThat(log).contains("encrypt").contains("ports.serf_lan").contains("-retry-join-wan");
            assertThat(p.terminate()).isIn(0, 143);
        }
    }

    @Test
    void logJsonWritesOneJsonObjectPerLine() throws Exception {
        int http = AgentProcess.freePort();
        try (AgentProcess p = AgentProcess.start(dir, http, "-dev", "-server-port=" + AgentProcess.freePort(),
                "-dns-port=-1", "-log-json", "-log-level=info")) {
            p.awaitLeader(Duration.ofSeconds(30));
            String line = Files.readString(p.log).lines().filter(l -> l.contains("Started HTTP server"))
                    .findFirst().orElseThrow();
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertThat(node.get("@level").asText()).isEqualTo("info");
            assertThat(node.get("@module").asText()).isEqualTo("agent");
        }
    }

    @Test
    void bindsLoopbackByDefault() throws Exception {
        int http = AgentProcess.freePort();
        try (AgentProcess p = AgentProcess.start(dir, http, "-dev", "-server-port=" + AgentProcess.freePort(),
                "-dns-port=-1")) {
            p.awaitLeader(Duration.ofSeconds(30));
            assertThat(Files.readString(p.log)).contains("Client Addr: [127.0.0.1]");
        }
    }

    @Test
    void sighupReloadsConfigFileServices() throws Exception {
        Path cfg = dir.resolve("svc.json");
        Files.writeString(cfg, "{\"service\": {\"name\": \"before\", \"port\": 1}}");
        int port = AgentProcess.freePort();
        try (AgentProcess p = AgentProcess.start(dir, port, "-dev", "-server-port=" + AgentProcess.freePort(),
                "-config-file=" + cfg)) {
            p.awaitLeader(Duration.ofSeconds(30));
            Files.writeString(cfg, "{\"service\": {\"name\": \"after\", \"port\": 2}}");
            new ProcessBuilder("kill", "-HUP", Long.toString(p.process.pid())).start().waitFor();
            var http = new io.consulate.testing.Http("http://127.0.0.1:" + port);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(http.get("/v1/agent/services").body()).contains("\"after\"").doesNotContain("\"before\""));
            assertThat(p.process.isAlive()).isTrue();
        }
    }
}
