package io.consulate.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a watch read sends besides the query: the ACL token and the HTTP basic credentials it was given. */
class WatchSourceAuthTest {
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("X-Consul-Index", "7");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readSendsTheTokenAndTheBasicCredentials() throws Exception {
        try (WatchSource source = new WatchSource(base(), "tok", "Basic dTpw", Duration.ofSeconds(5))) {
            assertThat(source.read(nodes(), 0).index()).isEqualTo(7);
        }
        assertThat(seen).containsEntry("x-consul-token", "tok").containsEntry("authorization", "Basic dTpw");
    }

    @Test
    void withoutCredentialsNoAuthorizationHeaderIsSent() throws Exception {
        try (WatchSource source = new WatchSource(base(), "", Duration.ofSeconds(5))) {
            source.read(nodes(), 0);
        }
        assertThat(seen).doesNotContainKeys("authorization", "x-consul-token");
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static WatchSpec nodes() {
        return new WatchSpec(WatchSpec.Type.NODES, "", "", "", List.of(), false, "", "", "", "", false);
    }
}
