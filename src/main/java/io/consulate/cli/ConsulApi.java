// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small HTTP/1.1 client for the agent's public API, doing what Consul's Go client does for the CLI: adds
 * {@code ?dc=}, {@code ?stale} on reads and the {@code X-Consul-Token} header, and turns transport failures
 * and unexpected statuses into {@link ApiException}s worded like the Go client's errors.
 */
final class ConsulApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final ApiTarget target;
    private final HttpClient http;

    /** An answer: status and body text (the API answers with JSON or plain text). */
    record Response(int status, String body) {}

    ConsulApi(ApiTarget target) {
        this.target = target;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** A read: {@code ?stale} is added when the caller allowed it. A null query value means a bare flag. */
    Response get(String path, Map<String, String> query) throws ApiException {
        return send("GET", path, query, null, true);
    }

    Response put(String path, Map<String, String> query, byte[] body) throws ApiException {
        return send("PUT", path, query, body, false);
    }

    Response delete(String path, Map<String, String> query) throws ApiException {
        return send("DELETE", path, query, null, false);
    }

    /** A read whose query repeats a parameter ({@code node-meta=a:1&node-meta=b:2}); a null value is a bare flag. */
    Response get(String path, List<Map.Entry<String, String>> query) throws ApiException {
        return send("GET", path, query, null, true);
    }

    /** Parses a JSON answer; an agent that sends something else is reported, not thrown through. */
    static JsonNode json(Response response) throws ApiException {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ApiException("Failed to decode response: " + e.getOriginalMessage());
        }
    }

    /** Makes a value of one element of a JSON array answer. */
    @FunctionalInterface
    interface Element<T> {
        T from(JsonNode element) throws ApiException;
    }

    /** The elements of a JSON array answer, each made a value; any status but 200 is {@link #unexpected}. */
    static <T> List<T> list(Response response, Element<T> element) throws ApiException {
        if (response.status() != 200) {
            throw unexpected(response);
        }
        List<T> values = new ArrayList<>();
        for (JsonNode n : json(response)) {
            values.add(element.from(n));
        }
        return values;
    }

    /** The Go client's error for a status it did not expect. */
    static ApiException unexpected(Response response) {
        return new ApiException("Unexpected response code: " + response.status()
                + " (" + response.body().strip() + ")");
    }

    private Response send(String method, String path, Map<String, String> query, byte[] body, boolean read)
            throws ApiException {
        return send(method, path, new ArrayList<>(query.entrySet()), body, read);
    }

    private Response send(String method, String path, List<Map.Entry<String, String>> query, byte[] body,
                          boolean read) throws ApiException {
        List<Map.Entry<String, String>> params = new ArrayList<>(query);
        if (!target.datacenter().isEmpty()) {
            params.add(new AbstractMap.SimpleEntry<>("dc", target.datacenter()));
        }
        if (read && target.stale()) {
            params.add(new AbstractMap.SimpleEntry<>("stale", null));
        }
        URI uri = URI.create(target.base() + path + queryString(params));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/octet-stream");
        }
        if (!target.token().isEmpty()) {
            request.header("X-Consul-Token", target.token());
        }
        if (!target.basicAuth().isEmpty()) {
            request.header("Authorization", target.basicAuth());
        }
        try {
            HttpResponse<String> r = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new ApiException(goMethod(method) + " \"" + uri + "\": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(goMethod(method) + " \"" + uri + "\": interrupted");
        }
    }

    private static String queryString(List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach(e -> q.add(e.getValue() == null ? encode(e.getKey())
                : encode(e.getKey()) + "=" + encode(e.getValue())));
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A path part (a service or node ID) percent-encoded as Go's URL does; {@code /} is kept. */
    static String escape(String part) {
        return KvApi.path(part).substring("/v1/kv/".length());
    }

    /** Go's net/http names methods "Get", "Put", "Delete" in its errors. */
    private static String goMethod(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Why the request never got an answer, in the words of Go's dialer where there is an equivalent. */
    private String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "dial tcp " + target.hostPort() + ": i/o timeout";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "dial tcp: lookup " + target.base().getHost() + ": no such host";
            }
        }
        if (e instanceof ConnectException) {
            return "dial tcp " + target.hostPort() + ": connect: connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        http.close();
    }
}
