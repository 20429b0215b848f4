package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TTL timing on a real agent with {@code session_ttl_min} lowered to 1s: a session is invalidated no
 * earlier than TTL and no later than 2 x TTL + 1s after its last renewal, and renewals keep it alive.
 */
class SessionTtlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TTL = Duration.ofSeconds(1);
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start("-hcl", "session_ttl_min = \"1s\"");
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static String create(String body) throws Exception {
        var r = http.put("/v1/session/create", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("ID").asText();
    }

    private static boolean alive(String id) throws Exception {
        return !http.get("/v1/session/info/" + id).body().equals("[]");
    }

    @Test
    void anExpiredSessionIsInvalidatedBetweenTtlAndTwiceTtlPlusOneSecondAfterItsLastRenewal() throws Exception {
        String id = create("{\"TTL\":\"1s\",\"LockDelay\":0}");
        assertThat(http.put("/v1/kv/ttl/k?acquire=" + id, "v").body()).isEqualTo("true");
        // The server resets the timer somewhere between sending the renewal and reading its answer, and a
        // probe proves the session alive at some moment after the probe was sent: the bounds below use
        // whichever end of each interval makes the assertion sound.
        long renewSent = System.nanoTime();
        assertThat(http.put("/v1/session/renew/" + id, "").statusCode()).isEqualTo(200);
        long renewAnswered = System.nanoTime();
        long lastAliveProbe = renewAnswered;
        while (true) {
            long probe = System.nanoTime();
            if (!alive(id)) {
                break;
            }
            lastAliveProbe = probe;
            assertThat(Duration.ofNanos(probe - renewSent)).isLessThan(TTL.multipliedBy(2).plusSeconds(1));
            Thread.sleep(20);
        }
        long gone = System.nanoTime();
        assertThat(Duration.ofNanos(lastAliveProbe - renewAnswered)).as("alive at least TTL after the renewal")
                .isGreaterThanOrEqualTo(TTL);
        assertThat(Duration.ofNanos(gone - renewSent)).as("invalidated within 2 x TTL + 1s")
                .isLessThanOrEqualTo(TTL.multipliedBy(2).plusSeconds(1));
        assertThat(JSON.readTree(http.get("/v1/kv/ttl/k").body()).get(0).has("Session")).isFalse();
        assertThat(http.put("/v1/session/renew/" + id, "").statusCode()).isEqualTo(404);
    }

    @Test
    void renewingEveryHalfTtlKeepsTheSessionAlive() throws Exception {
        String id = create("{\"TTL\":\"1s\"}");
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < end) {
            assertThat(http.put("/v1/session/renew/" + id, "").statusCode()).isEqualTo(200);
            Thread.sleep(500);
        }
        assertThat(alive(id)).isTrue();
        http.put("/v1/session/destroy/" + id, "");
    }

    @Test
    void theTtlMinimumComesFromTheConfiguration() throws Exception {
        var r = http.put("/v1/session/create", "{\"TTL\":\"500ms\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Invalid Session TTL '500ms', must be between [1s=24h0m0s]");
    }
}
