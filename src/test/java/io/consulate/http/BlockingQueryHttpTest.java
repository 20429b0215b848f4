package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlockingQueryHttpTest {
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

    private static long index(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue("X-Consul-Index").orElseThrow());
    }

    private static int parked() {
        return agent.agent().watchCount();
    }

    @Test
    void blockedReadReturnsWhenTheKeyChanges() throws Exception {
        http.put("/v1/kv/block/a", "1");
        long idx = index(http.get("/v1/kv/block/a"));
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/v1/kv/block/a?index=" + idx + "&wait=30s");
        await().atMost(Duration.ofSeconds(5)).until(() -> parked() > 0);
        assertThat(waiting).isNotDone();
        http.put("/v1/kv/block/a", "2");
        HttpResponse<String> r = waiting.get();
        assertThat(index(r)).isGreaterThan(idx);
        assertThat(r.body()).contains("\"Value\":\"Mg==\"");
    }

    @Test
    void unrelatedKeyWriteDoesNotWakeBlockedRead() throws Exception {
        http.put("/v1/kv/quiet/a", "1");
        long idx = index(http.get("/v1/kv/quiet/a"));
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/v1/kv/quiet/a?index=" + idx + "&wait=2s");
        await().atMost(Duration.ofSeconds(5)).until(() -> parked() > 0);
        http.put("/v1/kv/quiet/b", "1");
        http.put("/v1/kv/other", "1");
        Thread.sleep(300); // a wrong wake-up would answer within milliseconds
        assertThat(waiting).isNotDone();
        HttpResponse<String> r = waiting.get();
        assertThat(index(r)).isEqualTo(idx);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void timeoutAnswersCurrentStateWithinWaitPlusJitter() throws Exception {
        http.put("/v1/kv/timeout/a", "1");
        long idx = index(http.get("/v1/kv/timeout/a"));
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.get("/v1/kv/timeout/a?index=" + idx + "&wait=500ms");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(index(r)).isEqualTo(idx);
        assertThat(ms).isBetween(450L, 500L + 500 / 16 + 400);
    }

    @Test
    void prefixWatcherWakesForNewKeyUnderPrefix() throws Exception {
        http.put("/v1/kv/pfx/a", "1");
        long idx = index(http.get("/v1/kv/pfx/?recurse"));
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/v1/kv/pfx/?recurse&index=" + idx + "&wait=30s");
        await().atMost(Duration.ofSeconds(5)).until(() -> parked() > 0);
        http.put("/v1/kv/pfx/new", "1");
        assertThat(waiting.get().body()).contains("pfx/new");
    }

    @Test
    void deleteWakesPrefixWatcherThroughTombstoneIndex() throws Exception {
        http.put("/v1/kv/tomb/a", "1");
        http.put("/v1/kv/tomb/b", "1");
        long idx = index(http.get("/v1/kv/tomb/?keys"));
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/v1/kv/tomb/?keys&index=" + idx + "&wait=30s");
        await().atMost(Duration.ofSeconds(5)).until(() -> parked() > 0);
        http.delete("/v1/kv/tomb/b");
        HttpResponse<String> r = waiting.get();
        assertThat(index(r)).isGreaterThan(idx);
        assertThat(r.body()).isEqualTo("[\"tomb/a\"]");
    }

    @Test
    void missingKeyWatcherWakesWhenKeyIsCreated() throws Exception {
        HttpResponse<String> missing = http.get("/v1/kv/later/k");
        assertThat(missing.statusCode()).isEqualTo(404);
        CompletableFuture<HttpResponse<String>> waiting =
                http.getAsync("/v1/kv/later/k?index=" + index(missing) + "&wait=30s");
        await().atMost(Duration.ofSeconds(5)).until(() -> parked() > 0);
        http.put("/v1/kv/later/k", "here");
        assertThat(waiting.get().statusCode()).isEqualTo(200);
    }

    @Test
    void indexZeroAnswersAtOnceEvenWithWait() throws Exception {
        long t0 = System.nanoTime();
        http.get("/v1/kv/instant?index=0&wait=10s");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    }

    @Test
    void disconnectingClientFreesItsWaiterAtOnce() throws Exception {
        http.put("/v1/kv/gone/a", "1");
        long idx = index(http.get("/v1/kv/gone/a"));
        int before = parked();
        try (Socket s = new Socket("127.0.0.1", agent.httpPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /v1/kv/gone/a?index=" + idx + "&wait=5m HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> parked() > before);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> parked() == before);
    }
}
