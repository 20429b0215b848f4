package io.consulate.server;

import io.consulate.api.Json;
import io.consulate.api.KvPair;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.state.Indexed;
import io.consulate.state.KvEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/kv/<key>}: GET (recurse, keys, separator, raw), PUT (flags, cas, acquire, release), DELETE. */
public final class KvEndpoint {
    private static final byte[] TRUE = "true".getBytes();
    private static final byte[] FALSE = "false".getBytes();

    private final KvService kv;
    private final Reads reads;
    /**
     * The last single-entry body rendered. Entries are immutable and a store version hands every reader
     * the same instance, so when one write wakes thousands of watchers of a key, it is rendered once.
     */
    private volatile Rendered lastRendered = new Rendered(null, null);

    private record Rendered(KvEntry entry, byte[] json) {}

    public KvEndpoint(KvService kv, Reads reads) {
        this.kv = kv;
        this.reads = reads;
    }

    public CompletableFuture<ApiResponse> get(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        String key = r.tail();
        if (r.has("keys")) {
            String sep = r.has("separator") ? r.param("separator") : r.has("seperator") ? r.param("seperator") : "";
            return reads.read(opts, ws -> kv.keys(key, sep, ws)).thenApply(res ->
                    res.value().isEmpty() && !key.isEmpty()
                            ? notFound(res.index(), opts)
                            : reads.json(200, Json.write(res.value()), res.index(), opts));
        }
        if (r.has("recurse")) {
            return reads.read(opts, ws -> kv.list(key, ws)).thenApply(res ->
                    res.value().isEmpty() ? notFound(res.index(), opts) : entries(res.value(), res.index(), opts));
        }
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        boolean raw = r.has("raw");
        return reads.read(opts, ws -> kv.get(key, ws)).thenApply(res -> {
            KvEntry e = res.value();
            if (e == null) {
                return notFound(res.index(), opts);
            }
            return raw ? rawValue(e, res.index(), opts) : reads.json(200, render(e), res.index(), opts);
        });
    }

    public CompletableFuture<ApiResponse> put(ApiRequest r) {
        conflicting(r, "cas", "acquire", "release");
        long flags = unsigned(r.param("flags"), "flags");
        if (r.has("acquire")) {
            return kv.acquire(r.tail(), r.body(), flags, r.param("acquire")).thenApply(KvEndpoint::bool);
        }
        if (r.has("release")) {
            return kv.release(r.tail(), r.body(), flags, r.param("release")).thenApply(KvEndpoint::bool);
        }
        Long cas = r.has("cas") ? unsigned(r.param("cas"), "cas") : null;
        return kv.put(r.tail(), r.body(), flags, cas).thenApply(KvEndpoint::bool);
    }

    public CompletableFuture<ApiResponse> delete(ApiRequest r) {
        boolean recurse = r.has("recurse");
        if (recurse && r.has("cas")) {
            throw HttpError.badRequest("Conflicting flags: cas, recurse");
        }
        Long cas = r.has("cas") ? unsigned(r.param("cas"), "cas") : null;
        return kv.delete(r.tail(), recurse, cas).thenApply(KvEndpoint::bool);
    }

    private ApiResponse entries(List<KvEntry> list, long index, QueryOptions opts) {
        List<KvPair> out = new ArrayList<>(list.size());
        for (KvEntry e : list) {
            out.add(KvPair.of(e));
        }
        return reads.json(200, Json.write(out), index, opts);
    }

    private byte[] render(KvEntry e) {
        Rendered last = lastRendered;
        if (last.entry() == e) {
            return last.json();
        }
        byte[] json = Json.write(List.of(KvPair.of(e)));
        lastRendered = new Rendered(e, json);
        return json;
    }

    private ApiResponse rawValue(KvEntry e, long index, QueryOptions opts) {
        byte[] body = e.value() == null ? new byte[0] : e.value().unsafeArray();
        return new ApiResponse(200, "text/plain", body, Map.of(
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "sandbox")).withHeaders(reads.headers(index, opts));
    }

    private ApiResponse notFound(long index, QueryOptions opts) {
        return new ApiResponse(404, ApiResponse.TEXT, new byte[0], reads.headers(index, opts));
    }

    private static ApiResponse bool(boolean b) {
        return ApiResponse.json(200, b ? TRUE : FALSE);
    }

    private static void conflicting(ApiRequest r, String... names) {
        List<String> present = new ArrayList<>();
        for (String n : names) {
            if (r.has(n)) {
                present.add(n);
            }
        }
        if (present.size() > 1) {
            throw HttpError.badRequest("Conflicting flags: " + String.join(", ", present));
        }
    }

    private static long unsigned(String v, String name) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid " + name + ": must be an unsigned 64-bit integer");
        }
    }
}
