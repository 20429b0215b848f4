package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consul's hash blocking on {@code GET /v1/agent/service/:id}: {@code ?hash=} and {@code wait}. */
class AgentServiceHashBlockingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static String hashOf(HttpResponse<String> r) {
        return r.headers().firstValue("X-Consul-ContentHash").orElseThrow();
    }

    private static void register(String body) throws Exception {
        assertThat(http.put("/v1/agent/service/register", body).statusCode()).isEqualTo(200);
    }

    @Test
    void theHashIsInTheHeaderAndTheBodyAndFollowsTheContent() throws Exception {
        register("{\"Name\":\"h\",\"ID\":\"h1\",\"Port\":1}");
        HttpResponse<String> first = http.get("/v1/agent/service/h1");
        String hash = hashOf(first);
        assertThat(hash).matches("[0-9a-f]{16}");
        assertThat(JSON.readTree(first.body()).get("ContentHash").asText()).isEqualTo(hash);
        assertThat(hashOf(http.get("/v1/agent/service/h1"))).isEqualTo(hash);

        register("{\"Name\":\"h\",\"ID\":\"h1\",\"Port\":2}");
        assertThat(hashOf(http.get("/v1/agent/service/h1"))).isNotEqualTo(hash);
    }

    @Test
    void aMatchingHashBlocksUntilTheServiceChanges() throws Exception {
        register("{\"Name\":\"b\",\"ID\":\"b1\",\"Port\":1}");
        String hash = hashOf(http.get("/v1/agent/service/b1"));

        CompletableFuture<HttpResponse<String>> parked = http.getAsync("/v1/agent/service/b1?hash=" + hash + "&wait=30s");
        register("{\"Name\":\"other\",\"ID\":\"o1\"}"); // another service changing does not answer it
        assertThat(parked).failsWithin(Duration.ofMillis(500)).withThrowableOfType(TimeoutException.class);
        register("{\"Name\":\"b\",\"ID\":\"b1\",\"Port\":1}"); // same content again: still waiting
        assertThat(parked).failsWithin(Duration.ofMillis(500)).withThrowableOfType(TimeoutException.class);

        register("{\"Name\":\"b\",\"ID\":\"b1\",\"Port\":9}");
        HttpResponse<String> answered = parked.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(hashOf(answered)).isNotEqualTo(hash);
        assertThat(JSON.readTree(answered.body()).get("Port").asInt()).isEqualTo(9);
    }

    @Test
    void aMatchingHashAnswersTheSameContentWhenTheWaitRunsOut() throws Exception {
        register("{\"Name\":\"w\",\"ID\":\"w1\"}");
        String hash = hashOf(http.get("/v1/agent/service/w1"));
        long started = System.nanoTime();
        HttpResponse<String> r = http.get("/v1/agent/service/w1?hash=" + hash + "&wait=300ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(hashOf(r)).isEqualTo(hash);
    }

    @Test
    void aDifferentHashAnswersAtOnce() throws Exception {
        register("{\"Name\":\"d\",\"ID\":\"d1\"}");
        HttpResponse<String> r = http.getAsync("/v1/agent/service/d1?hash=0000000000000000&wait=5m")
                .get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void deregisteringTheWatchedServiceAnswers404() throws Exception {
        register("{\"Name\":\"gone\",\"ID\":\"g1\"}");
        String hash = hashOf(http.get("/v1/agent/service/g1"));
        CompletableFuture<HttpResponse<String>> parked = http.getAsync("/v1/agent/service/g1?hash=" + hash + "&wait=30s");
        assertThat(http.put("/v1/agent/service/deregister/g1", "").statusCode()).isEqualTo(200);
        HttpResponse<String> r = parked.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("unknown service ID: g1");
    }

    @Test
    void aBadWaitIs400() throws Exception {
        register("{\"Name\":\"x\",\"ID\":\"x1\"}");
        HttpResponse<String> r = http.get("/v1/agent/service/x1?hash=abc&wait=soon");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Invalid wait time");
    }
}
