// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Blocking reads on an agent's public HTTP API for watches, as any client makes them: {@code ?index=&wait=},
 * the token in {@code X-Consul-Token}, and the answer's {@code X-Consul-Index}. A KV 404 is an answer (the key
 * is absent: {@code null}), anything else but 200 is an {@link IOException}.
 */
public final class WatchSource implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the index to wait on next, and the body ({@code null} node when the key is absent). */
    public record Answer(long index, JsonNode body) {}

    private final URI base;
    private final String token;
    private final Duration wait;
    private final HttpClient http;
    private final String authorization;

    /**
     * @param base  the agent's HTTP address, such as {@code http://127.0.0.1:8500}
     * @param token the ACL token, or ""
     * @param wait  how long each blocking read may wait (the server caps it at 10 minutes)
     */
    public WatchSource(URI base, String token, Duration wait) {
        this(base, token, "", wait);
    }

    /**
     * As above, sending {@code authorization} (a ready {@code Authorization} header value, such as the
     * CLI's {@code CONSUL_HTTP_AUTH} basic credentials; "" for none) with every read.
     */
    public WatchSource(URI base, String token, String authorization, Duration wait) {
        this.base = base;
        this.token = token == null ? "" : token;
        this.authorization = authorization == null ? "" : authorization;
        this.wait = wait;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Reads {@code spec} once, blocking while the server's index equals {@code index} (0: answer at once). */
    public Answer read(WatchSpec spec, long index) throws IOException, InterruptedException {
        String q = spec.query();
        StringBuilder url = new StringBuilder(base.toString()).append(spec.path()).append('?').append(q);
        if (index != 0) {
            url.append(q.isEmpty() ? "" : "&").append("index=").append(Long.toUnsignedString(index))
                    .append("&wait=").append(wait.toMillis()).append("ms");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(wait.plus(wait.dividedBy(16)).plusSeconds(10)).GET();
        if (!token.isEmpty()) {
            req.header("X-Consul-Token", token);
        }
        if (!authorization.isEmpty()) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> r = send(req.build());
        long answerIndex = r.headers().firstValue("X-Consul-Index").map(Long::parseUnsignedLong).orElse(0L);
        boolean absentKey = r.statusCode() == 404 && spec.type() == WatchSpec.Type.KEY
                || r.statusCode() == 404 && spec.type() == WatchSpec.Type.KEYPREFIX;
        if (absentKey) {
            return new Answer(answerIndex, NullNode.getInstance());
        }
        if (r.statusCode() != 200) {
            throw new IOException("Unexpected response code: " + r.statusCode() + " (" + r.body().strip() + ")");
        }
        return new Answer(answerIndex, JSON.readTree(r.body()));
    }

    /** Sends asynchronously so that an interrupt (the watch being stopped) abandons the request at once. */
    private HttpResponse<String> send(HttpRequest req) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
