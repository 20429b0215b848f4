package io.consulate.http;

import io.consulate.state.Bytes;
import java.util.List;
import java.util.Map;

/**
 * One parsed HTTP request as handlers see it.
 *
 * @param path     the decoded path ({@code %2F} already turned into {@code /})
 * @param tail     the part of the path after the route's prefix (the KV key, a service ID), decoded
 * @param query    decoded query parameters; a bare {@code ?stale} maps to {@code [""]}
 * @param token    the ACL token from {@code ?token}, {@code X-Consul-Token} or {@code Authorization: Bearer}
 * @param body     the complete body, already checked against the route's size limit
 * @param context  the connection's event loop and its "client gone" signal
 */
public record ApiRequest(String method, String path, String tail, Map<String, List<String>> query,
                         String token, Bytes body, String remoteAddress,
                         RequestContext context) {

    public ApiRequest {
        query = Map.copyOf(query);
    }

    /** True when the parameter is present at all, whatever its value (Consul's presence flags). */
    public boolean has(String name) {
        return query.containsKey(name);
    }

    /** The first value of a parameter, or {@code null} when absent. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every value of a repeatable parameter. */
    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    public ApiRequest withTail(String newTail) {
        return new ApiRequest(method, path, newTail, query, token, body, remoteAddress, context);
    }
}
