// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Responses are gzip-compressed for clients that ask, as Consul's HTTP API does. */
class GzipHttpTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        for (int i = 0; i < 40; i++) {
            assertThat(http.put("/v1/catalog/register", "{\"Node\":\"n" + i + "\",\"Address\":\"10.0.0." + i
                    + "\",\"Service\":{\"Service\":\"web\",\"Port\":80,\"Tags\":[\"a\",\"b\"]},"
                    + "\"Check\":{\"CheckID\":\"c\",\"Name\":\"c\",\"Status\":\"passing\",\"ServiceID\":\"web\"}}")
                    .statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.httpAddress() + path));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] inflate(byte[] gz) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void discoveryAnswerIsGzippedForClientsThatAskAndIdenticalOnceInflated() throws Exception {
        for (String path : new String[] {"/v1/health/service/web?passing", "/v1/health/service/web",
                "/v1/health/service/web?tag=a", "/v1/catalog/service/web"}) {
            HttpResponse<byte[]> plain = get(path, null);
            HttpResponse<byte[]> gz = get(path, "gzip, deflate");
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(gz.headers().firstValue("Vary")).contains("accept-encoding");
            assertThat(gz.body().length).isLessThan(plain.body().length / 4);
            assertThat(inflate(gz.body())).as(path).isEqualTo(plain.body());
            assertThat(gz.headers().firstValue("X-Consul-Index")).isEqualTo(plain.headers().firstValue("X-Consul-Index"));
        }
    }

    @Test
    void cachedGzipFollowsCatalogChanges() throws Exception {
        byte[] before = inflate(get("/v1/health/service/web?passing", "gzip").body());
        assertThat(http.put("/v1/catalog/register", "{\"Node\":\"late\",\"Address\":\"10.0.1.1\","
                + "\"Service\":{\"Service\":\"web\",\"Port\":81}}").statusCode()).isEqualTo(200);
        byte[] after = inflate(get("/v1/health/service/web?passing", "gzip").body());
        assertThat(new String(after)).contains("\"late\"");
        assertThat(after).isEqualTo(get("/v1/health/service/web?passing", null).body());
        assertThat(after).isNotEqualTo(before);
        http.put("/v1/catalog/deregister", "{\"Node\":\"late\"}");
    }

    @Test
    void smallBodiesAndRefusedGzipAreSentPlain() throws Exception {
        HttpResponse<byte[]> leader = get("/v1/status/leader", "gzip");
        assertThat(leader.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(leader.body())).startsWith("\"127.0.0.1:");
        HttpResponse<byte[]> refused = get("/v1/health/service/web", "gzip;q=0, identity");
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(refused.body())).startsWith("[");
    }
}
