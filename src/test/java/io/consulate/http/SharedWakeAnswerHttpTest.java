// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many blocking queries woken by one commit share one encoded answer: each still gets it whole, plain or gzip
 * as it asked, equal to what a fresh read returns.
 */
class SharedWakeAnswerHttpTest {
    private static final int WATCHERS = 40;
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        for (int i = 0; i < 20; i++) {
            register(i);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static void register(int i) throws Exception {
        assertThat(http.put("/v1/catalog/register", "{\"Node\":\"n" + i + "\",\"Address\":\"10.0.0." + i
                + "\",\"Service\":{\"Service\":\"web\",\"Port\":80,\"Tags\":[\"a\"]}}").statusCode()).isEqualTo(200);
    }

    private static CompletableFuture<HttpResponse<byte[]>> watch(long index, boolean gzip) {
        // A client of its own per watcher: each parked query holds its own connection.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.httpAddress()
                + "/v1/health/service/web?index=" + index + "&wait=30s")).timeout(Duration.ofSeconds(30));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] inflate(byte[] gz) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyWokenWatcherGetsTheWholeNewAnswerInTheEncodingItAskedFor() throws Exception {
        HttpResponse<String> before = http.get("/v1/health/service/web");
        long index = Long.parseLong(before.headers().firstValue("X-Consul-Index").orElseThrow());
        List<CompletableFuture<HttpResponse<byte[]>>> watchers = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            watchers.add(watch(index, i % 2 == 0));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().watchCount() >= WATCHERS);

        register(99);
        HttpResponse<String> after = http.get("/v1/health/service/web");
        byte[] expected = after.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < WATCHERS; i++) {
            HttpResponse<byte[]> r = watchers.get(i).get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Consul-Index")).isEqualTo(after.headers().firstValue("X-Consul-Index"));
            boolean gzip = i % 2 == 0;
            assertThat(r.headers().firstValue("Content-Encoding")).isEqualTo(gzip ? java.util.Optional.of("gzip")
                    : java.util.Optional.empty());
            assertThat(gzip ? inflate(r.body()) : r.body()).as("watcher %d", i).isEqualTo(expected);
        }
    }

    @Test
    void headRequestGetsTheHeadersWithoutABody() throws Exception {
        String answer = Http.raw(agent.httpPort(), "HEAD /v1/health/service/web HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 ").contains("content-length: ").endsWith("\r\n\r\n");
    }
}
