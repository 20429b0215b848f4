// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends each change to a URL, as Consul's {@code http} handler type does: the change as the JSON body,
 * {@code X-Consul-Index} set to its index, the configured method (default {@code POST}) and headers, and a
 * timeout (default 10 s). Any status outside 2xx is a failure.
 */
public final class HttpHandler implements WatchHandler {
    /** Consul's {@code http_handler_config}. */
    public record Config(URI path, String method, Map<String, List<String>> headers, Duration timeout,
                         boolean tlsSkipVerify) {
        public Config {
            method = method == null || method.isEmpty() ? "POST" : method;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(10) : timeout;
        }
    }

    private final Config config;
    private final HttpClient http;

    public HttpHandler(Config config) {
        this.config = config;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(config.timeout());
        if (config.tlsSkipVerify()) {
            b.sslContext(trustingEverything());
        }
        this.http = b.build();
    }

    @Override
    public void handle(long index, JsonNode data) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(config.path()).timeout(config.timeout())
                .method(config.method(), HttpRequest.BodyPublishers.ofString(GoJsonText.compact(data),
                        StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("X-Consul-Index", Long.toUnsignedString(index));
        config.headers().forEach((name, values) -> values.forEach(v -> req.header(name, v)));
        HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() < 200 || r.statusCode() > 299) {
            throw new IOException("Failed to invoke http handler: " + config.path() + " returned " + r.statusCode());
        }
    }

    private static SSLContext trustingEverything() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustAll}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS available", e);
        }
    }
}
