package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.agent.config.ConfigLoader;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server agents on 127.0.0.1-3, started as an operator would ({@code -server
 * -bootstrap-expect=3 -retry-join=...} with one shared server port), used over HTTP: any server takes
 * writes and serves reads, every server registers itself, and sessions outlive the leader that timed them.
 */
class ClusterAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TTL_MS = 2_000;
    private static final HttpClient RENEWS = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Http> http = new ArrayList<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
    private int serverPort;

    @BeforeEach
    void start() throws Exception {
        serverPort = TestAgent.freePort();
        for (int i = 1; i <= 3; i++) {
            List<String> args = new ArrayList<>(List.of("-server", "-bootstrap-expect=3", "-bind=127.0.0." + i,
                    "-server-port=" + serverPort, "-http-port=" + TestAgent.freePort(), "-dns-port=-1",
                    "-node=server-" + i, "-data-dir=" + Files.createDirectories(dir.resolve("s" + i)),
                    "-hcl=session_ttl_min = \"1s\""));
            for (int j = 1; j <= 3; j++) { // the same list on every server, as in Consul's docs
                args.add("-retry-join=127.0.0." + j);
            }
            Agent a = Agent.start(ConfigLoader.load(args));
            agents.add(a);
            http.add(new Http("http://127.0.0.1:" + a.httpPort()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> leaderIndex() >= 0);
    }

    @AfterEach
    void stop() {
        renewer.shutdownNow();
        agents.forEach(a -> {
            if (a != null) {
                a.close();
            }
        });
    }

    @Test
    void everyServerKnowsThePeersAndTheLeader() throws Exception {
        String leader = "\"" + addr(leaderIndex() + 1) + "\"";
        for (Http h : http) { // a follower learns who leads from the leader's first heartbeat
            await().atMost(Duration.ofSeconds(10)).until(() -> h.get("/v1/status/leader").body().equals(leader));
            assertThat(JSON.readTree(h.get("/v1/status/peers").body())).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(addr(1), addr(2), addr(3));
        }
    }

    @Test
    void aWriteOnAFollowerIsReadAtOnceOnAnyServer() throws Exception {
        int leader = leaderIndex();
        int follower = (leader + 1) % 3;
        int other = (leader + 2) % 3;
        assertThat(http.get(follower).put("/v1/kv/cfg/db", "primary").body()).isEqualTo("true");
        assertThat(http.get(other).get("/v1/kv/cfg/db?raw").body()).isEqualTo("primary");
        assertThat(http.get(leader).get("/v1/kv/cfg/db?raw").body()).isEqualTo("primary");
        assertThat(http.get(follower).get("/v1/kv/cfg/db?raw&consistent").body()).isEqualTo("primary");
    }

    @Test
    void everyServerRegistersItsNodeAndTheConsulService() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode consul = JSON.readTree(http.get(0).get("/v1/catalog/service/consul").body());
            assertThat(consul).extracting(n -> n.get("Node").asText())
                    .containsExactlyInAnyOrder("server-1", "server-2", "server-3");
        });
    }

    @Test
    void sessionTimersSurviveALeaderChange() throws Exception {
        int leader = leaderIndex();
        int via = (leader + 1) % 3;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get(via)
                .get("/v1/health/node/server-" + (via + 1)).body()).contains("serfHealth"));
        String idle = createSession(via);
        String renewed = createSession(via);
        renewer.scheduleWithFixedDelay(() -> renew(via, renewed), 0, 300, TimeUnit.MILLISECONDS);
        long lastIdleRenew = System.nanoTime();

        agents.get(leader).close();
        agents.set(leader, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> leaderIndex() >= 0 && leaderIndex() != leader);
        // The new leader starts every session's timer once it is ready (has committed in its term).
        int next = leaderIndex();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> JSON.readTree(
                http.get(next).get("/v1/agent/self").body()).path("Stats").path("consul").path("leader").asText()
                .equals("true"));
        long elected = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> http.get(via).get("/v1/session/info/" + idle).body().equals("[]"));
        long gone = System.nanoTime();

        assertThat(TimeUnit.NANOSECONDS.toMillis(gone - lastIdleRenew)).isGreaterThanOrEqualTo(TTL_MS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(gone - elected)).isLessThanOrEqualTo(2 * TTL_MS + 1_000);
        Thread.sleep(2 * TTL_MS + 500);
        assertThat(http.get(via).get("/v1/session/info/" + renewed).body()).contains(renewed);
        assertThat(http.get(via).put("/v1/session/renew/" + renewed, "").statusCode()).isEqualTo(200);
    }

    private String createSession(int i) throws Exception {
        String body = "{\"Name\":\"failover\",\"TTL\":\"" + TTL_MS / 1000 + "s\",\"LockDelay\":\"0s\"}";
        return JSON.readTree(http.get(i).put("/v1/session/create", body).body()).get("ID").asText();
    }

    /**
     * One renewal, not waited for: during the election a forwarded renewal is held (as Consul holds RPCs
     * for a leader), and a short TTL cannot wait for it, so renewals overlap as several clients' would.
     */
    private void renew(int i, String id) {
        RENEWS.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agents.get(i).httpPort()
                        + "/v1/session/renew/" + id)).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Which agent leads right now (by its server address), or -1. */
    private int leaderIndex() throws Exception {
        for (int i = 0; i < 3; i++) {
            if (agents.get(i) == null) {
                continue;
            }
            String leader = http.get(i).get("/v1/status/leader").body().replace("\"", "");
            for (int j = 0; j < 3; j++) {
                if (leader.equals(addr(j + 1)) && agents.get(j) != null) {
                    return j;
                }
            }
        }
        return -1;
    }

    private String addr(int i) {
        return "127.0.0." + i + ":" + serverPort;
    }
}
