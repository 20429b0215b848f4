package io.consulate.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a handler answers: status, content type, body and extra headers.
 *
 * @param headers response headers beyond Content-Type/Length (X-Consul-Index and friends)
 * @param gzipped the body already compressed (for bodies served many times), or null to compress on demand
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                          Supplier<byte[]> gzipped) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** A copy whose gzip form comes from {@code gzipped} (see {@link Gzip#memoized}). */
    public ApiResponse withGzipped(Supplier<byte[]> gzipped) {
        return new ApiResponse(status, contentType, body, headers, gzipped);
    }

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, Map.of());
    }

    public static ApiResponse text(int status, String body) {
        return new ApiResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A copy with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, h, gzipped);
    }

    /** A copy with more headers. */
    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(more);
        return new ApiResponse(status, contentType, body, h, gzipped);
    }
}
