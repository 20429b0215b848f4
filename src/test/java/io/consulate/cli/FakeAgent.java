// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in agent that records every request and answers with canned responses, for asserting the exact
 * requests the CLI sends (headers, query parameters, key encoding) that a real agent would not reveal.
 */
final class FakeAgent implements AutoCloseable {

    /** One request as it arrived: raw (still encoded) path and query, token header and body. */
    record Request(String method, String rawPath, String rawQuery, String token, String body) {}

    /** A canned answer. */
    record Answer(int status, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile Answer fallback = new Answer(200, "true");

    FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests for exactly this raw path (any method) with {@code status} and {@code body}. */
    FakeAgent answer(String rawPath, int status, String body) {
        answers.put(rawPath, new Answer(status, body));
        return this;
    }

    /** Answers every other request this way (default: 200 {@code true}). */
    FakeAgent otherwise(int status, String body) {
        fallback = new Answer(status, body);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("X-Consul-Token"),
                    new String(body, StandardCharsets.UTF_8)));
            Answer a = answers.getOrDefault(ex.getRequestURI().getRawPath(), fallback);
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
