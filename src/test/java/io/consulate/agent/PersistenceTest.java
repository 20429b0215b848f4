package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persisted server keeps every acknowledged write across kill -9 and clean restarts. */
class PersistenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String[] serverArgs(int raftPort) {
        return new String[] {"-server", "-bootstrap-expect=1", "-data-dir=" + dir.resolve("data"),
                "-server-port=" + raftPort, "-dns-port=-1", "-node=persist", "-pid-file=" + dir.resolve("agent.pid")};
    }

    @Test
    void tenThousandKeysSurviveKillNineWithIndexesIntact() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        String before;
        long indexBefore;
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            writeKeys(http, 10_000);
            http.put("/v1/kv/flags/f?flags=77", "flagged");
            http.delete("/v1/kv/k/00005");
            HttpResponse<String> all = http.get("/v1/kv/?recurse");
            before = all.body();
            indexBefore = index(all);
            agent.kill9();
        }
        try (var files = Files.walk(dir.resolve("data"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("an automatic snapshot was taken")
                    .anyMatch(n -> n.startsWith("snapshot.") && !n.endsWith(".md5"));
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            HttpResponse<String> all = http.get("/v1/kv/?recurse");
            assertThat(all.body()).isEqualTo(before);
            JsonNode entries = JSON.readTree(all.body());
            assertThat(entries.size()).isEqualTo(10_000);
            assertThat(index(all)).isGreaterThanOrEqualTo(indexBefore);
            assertThat(index(http.get("/v1/kv/k/?keys"))).isGreaterThanOrEqualTo(indexBefore - 1);
            http.put("/v1/kv/after", "x");
            assertThat(JSON.readTree(http.get("/v1/kv/after").body()).get(0).get("ModifyIndex").asLong())
                    .isGreaterThan(indexBefore);

            assertThat(Files.exists(dir.resolve("agent.pid"))).isTrue();
            agent.terminate();
            assertThat(Files.exists(dir.resolve("agent.pid"))).isFalse();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(http.get("/v1/kv/after?raw").body()).isEqualTo("x");
            assertThat(http.get("/v1/kv/flags/f").body()).contains("\"Flags\":77");
        }
    }

    @Test
    void agentServiceRegistrationsSurviveARestart() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"web\",\"ID\":\"web/1\",\"Port\":81}")
                    .statusCode()).isEqualTo(200);
            agent.kill9();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(http.get("/v1/agent/services").body()).contains("\"web/1\"").contains("\"Port\":81");
            assertThat(http.get("/v1/catalog/service/web").body()).contains("\"ServiceID\":\"web/1\"");
        }
    }

    @Test
    void apiChecksSurviveARestartAndATtlCheckKeepsItsStatus() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(http.put("/v1/agent/service/register",
                    "{\"Name\":\"pay\",\"Check\":{\"TTL\":\"10m\"}}").statusCode()).isEqualTo(200);
            assertThat(http.put("/v1/agent/check/register", "{\"Name\":\"mem\",\"TTL\":\"10m\"}").statusCode())
                    .isEqualTo(200);
            assertThat(http.put("/v1/agent/check/pass/service:pay?note=ready", "").statusCode()).isEqualTo(200);
            assertThat(http.put("/v1/agent/check/warn/mem?note=high", "").statusCode()).isEqualTo(200);
            agent.terminate();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertPayPassingAndMemWarning(http);
        }
    }

    @Test
    void configFileTtlChecksKeepTheirStatusAcrossARestartUntilTakenOutOfTheConfig() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        Path config = dir.resolve("checks.hcl");
        String pay = "service {\n  name = \"pay\"\n  check { ttl = \"10m\" }\n}\n";
        Files.writeString(config, pay + "check {\n  id = \"mem\"\n  name = \"mem\"\n  ttl = \"10m\"\n}\n");
        String[] args = withConfig(serverArgs(raftPort), config);
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, args)) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(http.put("/v1/agent/check/pass/service:pay?note=ready", "").statusCode()).isEqualTo(200);
            assertThat(http.put("/v1/agent/check/warn/mem?note=high", "").statusCode()).isEqualTo(200);
            agent.terminate();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, args)) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertPayPassingAndMemWarning(http);
            agent.terminate();
        }
        try (var defs = Files.list(dir.resolve("data").resolve("checks"))) {
            assertThat(defs).as("config-file definitions are not written").isEmpty();
        } catch (java.nio.file.NoSuchFileException none) {
            // nothing was ever written there: as it should be
        }
        Files.writeString(config, pay);
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, args)) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            JsonNode checks = JSON.readTree(http.get("/v1/agent/checks").body());
            assertThat(checks.has("mem")).isFalse();
            assertThat(checks.get("service:pay").get("Status").asText()).isEqualTo("passing");
            try (var states = Files.list(dir.resolve("data").resolve("check-state"))) {
                assertThat(states).as("mem's saved status is dropped with its definition").hasSize(1);
            }
        }
    }

    /** The statuses and notes the restart tests set: pay passing ("ready"), mem warning ("high"). */
    private static void assertPayPassingAndMemWarning(Http http) throws Exception {
        JsonNode checks = JSON.readTree(http.get("/v1/agent/checks").body());
        assertThat(checks.get("service:pay").get("Status").asText()).isEqualTo("passing");
        assertThat(checks.get("service:pay").get("Output").asText()).isEqualTo("ready");
        assertThat(checks.get("mem").get("Status").asText()).isEqualTo("warning");
        assertThat(checks.get("mem").get("Output").asText()).isEqualTo("high");
        assertThat(JSON.readTree(http.get("/v1/health/checks/pay").body()).get(0).get("Status").asText())
                .isEqualTo("passing");
    }

    private static String[] withConfig(String[] args, Path config) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = "-config-file=" + config;
        return out;
    }

    private static long index(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue("X-Consul-Index").orElseThrow());
    }

    private static void writeKeys(Http http, int n) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Void>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            String key = String.format("k/%05d", i);
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    HttpResponse<String> r = http.put("/v1/kv/" + key, "value-" + key);
                    if (!r.body().equals("true")) {
                        throw new AssertionError("write failed: " + r.statusCode() + " " + r.body());
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    inFlight.release();
                }
            }, EXECUTOR));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get();
    }

    private static final java.util.concurrent.ExecutorService EXECUTOR =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
}
