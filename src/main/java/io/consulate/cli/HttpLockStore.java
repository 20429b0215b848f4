// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consulate.lock.LockStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@link LockStore} over the agent's HTTP API, as Consul's Go client drives it for {@code consul lock}:
 * {@code /v1/session/create|renew|destroy}, {@code /v1/kv} with {@code acquire}, {@code release},
 * {@code cas} and {@code flags}, and blocking reads with {@code index} and {@code wait} (the answer's
 * {@code X-Consul-Index} is the next index). Not-200 answers are {@link IOException}s worded like the Go
 * client's.
 */
final class HttpLockStore implements LockStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiTarget target;
    private final Duration lockDelay;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** Sessions get the server's default lock-delay (15 s), as {@code consul lock}'s do. */
    HttpLockStore(ApiTarget target) {
        this(target, null);
    }

    /** Sessions get {@code lockDelay} ({@code null}: the server's default). */
    HttpLockStore(ApiTarget target, Duration lockDelay) {
        this.target = target;
        this.lockDelay = lockDelay;
    }

    @Override
    public String createSession(String name, Duration ttl) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("Name", name).put("TTL", ttl.toSeconds() + "s")
                .put("Behavior", "release");
        if (lockDelay != null) {
            req.put("LockDelay", lockDelay.toMillis() + "ms");
        }
        String body = req.toString();
        HttpResponse<String> r = send("PUT", "/v1/session/create", "", body.getBytes(StandardCharsets.UTF_8));
        return ok(r).path("ID").asText();
    }

    @Override
    public boolean renewSession(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = send("PUT", "/v1/session/renew/" + encode(id), "", new byte[0]);
        if (r.statusCode() == 404) {
            return false;
        }
        ok(r);
        return true;
    }

    @Override
    public void destroySession(String id) throws IOException, InterruptedException {
        ok(send("PUT", "/v1/session/destroy/" + encode(id), "", new byte[0]));
    }

    @Override
    public Read<Entry> get(String key, long index, Duration wait) throws IOException, InterruptedException {
        Read<List<Entry>> r = read(KvApi.path(key), "", index, wait);
        return new Read<>(r.index(), r.value().isEmpty() ? null : r.value().get(0));
    }

    @Override
    public Read<List<Entry>> list(String prefix, long index, Duration wait) throws IOException, InterruptedException {
        return read(KvApi.path(prefix), "recurse", index, wait);
    }

    private Read<List<Entry>> read(String path, String query, long index, Duration wait)
            throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder(query);
        if (index != 0) {
            q.append(q.isEmpty() ? "" : "&").append("index=").append(Long.toUnsignedString(index))
                    .append("&wait=").append(wait.toMillis()).append("ms");
        }
        HttpResponse<String> r = send("GET", path, q.toString(), null);
        long next = r.headers().firstValue("X-Consul-Index").map(Long::parseUnsignedLong).orElse(0L);
        List<Entry> entries = new ArrayList<>();
        if (r.statusCode() == 404) {
            return new Read<>(next, entries);
        }
        for (JsonNode n : ok(r)) {
            entries.add(new Entry(n.path("Key").asText(), n.hasNonNull("Value")
                    ? Base64.getDecoder().decode(n.get("Value").asText()) : new byte[0],
                    Long.parseUnsignedLong(n.path("Flags").asText("0")), n.path("Session").asText(""),
                    n.path("ModifyIndex").asLong()));
        }
        return new Read<>(next, entries);
    }

    @Override
    public boolean acquire(String key, byte[] value, long flags, String session)
            throws IOException, InterruptedException {
        return write(key, value, flags, "acquire=" + encode(session));
    }

    @Override
    public boolean release(String key, byte[] value, long flags, String session)
            throws IOException, InterruptedException {
        return write(key, value, flags, "release=" + encode(session));
    }

    @Override
    public boolean cas(String key, byte[] value, long flags, long index) throws IOException, InterruptedException {
        return write(key, value, flags, "cas=" + Long.toUnsignedString(index));
    }

    @Override
    public void delete(String key) throws IOException, InterruptedException {
        ok(send("DELETE", KvApi.path(key), "", null));
    }

    @Override
    public boolean deleteCas(String key, long index) throws IOException, InterruptedException {
        return ok(send("DELETE", KvApi.path(key), "cas=" + Long.toUnsignedString(index), null)).asBoolean();
    }

    private boolean write(String key, byte[] value, long flags, String query) throws IOException,
            InterruptedException {
        String q = "flags=" + Long.toUnsignedString(flags) + "&" + query;
        return ok(send("PUT", KvApi.path(key), q, value)).asBoolean();
    }

    private HttpResponse<String> send(String method, String path, String query, byte[] body)
            throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder(query);
        if (!target.datacenter().isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append("dc=").append(encode(target.datacenter()));
        }
        URI uri = URI.create(target.base() + path + (q.isEmpty() ? "" : "?" + q));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (!target.token().isEmpty()) {
            req.header("X-Consul-Token", target.token());
        }
        if (!target.basicAuth().isEmpty()) {
            req.header("Authorization", target.basicAuth());
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode ok(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) {
            throw new IOException("Unexpected response code: " + r.statusCode() + " (" + r.body().strip() + ")");
        }
        return JSON.readTree(r.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        http.close();
    }
}
