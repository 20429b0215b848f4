package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions and the locks they hold survive kill -9 of a persisted single server, and the TTL timers come
 * back with leadership: the restarted leader gives every session a fresh full grace (never a shorter
 * one), then invalidates the ones nobody renews.
 */
class SessionRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration GRACE = TTL.multipliedBy(2).plusSeconds(1);

    @TempDir
    Path dir;

    private String[] serverArgs(int raftPort) {
        return new String[] {"-server", "-bootstrap-expect=1", "-data-dir=" + dir.resolve("data"),
                "-server-port=" + raftPort, "-dns-port=-1", "-node=sessions", "-hcl", "session_ttl_min = \"1s\""};
    }

    @Test
    void sessionsAndHeldLocksSurviveKillNineAndExpireAfterTheRestartIfNotRenewed() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        String renewed;
        String abandoned;
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            renewed = create(http);
            abandoned = create(http);
            assertThat(http.put("/v1/kv/restart/renewed?acquire=" + renewed, "r").body()).isEqualTo("true");
            assertThat(http.put("/v1/kv/restart/abandoned?acquire=" + abandoned, "a").body()).isEqualTo("true");
            agent.kill9();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            long leading = System.nanoTime();
            Http http = new Http("http://127.0.0.1:" + httpPort);
            assertThat(holder(http, "restart/renewed")).isEqualTo(renewed);
            assertThat(holder(http, "restart/abandoned")).isEqualTo(abandoned);
            assertThat(http.put("/v1/session/renew/" + renewed, "").statusCode()).isEqualTo(200);

            while (!http.get("/v1/session/info/" + abandoned).body().equals("[]")) {
                assertThat(Duration.ofNanos(System.nanoTime() - leading)).as("abandoned session outlived its grace")
                        .isLessThan(GRACE);
                assertThat(http.put("/v1/session/renew/" + renewed, "").statusCode()).isEqualTo(200);
                Thread.sleep(100);
            }
            assertThat(holder(http, "restart/abandoned")).isNull();
            assertThat(holder(http, "restart/renewed")).isEqualTo(renewed);
            assertThat(http.put("/v1/session/renew/" + abandoned, "").statusCode()).isEqualTo(404);
        }
    }

    private static String create(Http http) throws Exception {
        var r = http.put("/v1/session/create", "{\"TTL\":\"" + TTL.toSeconds() + "s\",\"LockDelay\":0}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("ID").asText();
    }

    private static String holder(Http http, String key) throws Exception {
        JsonNode e = JSON.readTree(http.get("/v1/kv/" + key).body()).get(0);
        return e.has("Session") ? e.get("Session").asText() : null;
    }
}
