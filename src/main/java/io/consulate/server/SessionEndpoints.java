package io.consulate.server;

import io.consulate.api.Json;
import io.consulate.api.SessionCreateRequest;
import io.consulate.api.SessionWire;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.state.Indexed;
import io.consulate.state.Session;
import io.consulate.state.WatchSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@code /v1/session/*}: create, destroy/:id, renew/:id, info/:id, list, node/:node. */
public final class SessionEndpoints {
    private static final byte[] TRUE = "true".getBytes();

    private final SessionService sessions;
    private final Reads reads;

    public SessionEndpoints(SessionService sessions, Reads reads) {
        this.sessions = sessions;
        this.reads = reads;
    }

    public CompletableFuture<ApiResponse> create(ApiRequest r) {
        SessionCreateRequest body = SessionCreateRequest.parse(r.body().unsafeArray());
        return sessions.create(body).thenApply(id -> ApiResponse.json(200, Json.write(Map.of("ID", id))));
    }

    public CompletableFuture<ApiResponse> destroy(ApiRequest r) {
        return sessions.destroy(id(r)).thenApply(ok -> ApiResponse.json(200, TRUE));
    }

    public CompletableFuture<ApiResponse> renew(ApiRequest r) {
        return sessions.renew(id(r)).thenApply(s -> ApiResponse.json(200, Json.write(List.of(SessionWire.of(s)))));
    }

    /** An unknown ID answers 200 with {@code []}. */
    public CompletableFuture<ApiResponse> info(ApiRequest r) {
        String id = id(r);
        return read(r, ws -> sessions.info(id, ws));
    }

    public CompletableFuture<ApiResponse> list(ApiRequest r) {
        return read(r, sessions::list);
    }

    public CompletableFuture<ApiResponse> node(ApiRequest r) {
        String node = r.tail();
        if (node.isEmpty()) {
            throw HttpError.badRequest("Missing node name");
        }
        return read(r, ws -> sessions.onNode(node, ws));
    }

    private CompletableFuture<ApiResponse> read(ApiRequest r, Function<WatchSet, Indexed<List<Session>>> query) {
        QueryOptions opts = QueryOptions.parse(r);
        return reads.read(opts, query)
                .thenApply(res -> reads.json(200, Json.write(SessionWire.of(res.value())), res.index(), opts));
    }

    private static String id(ApiRequest r) {
        String id = r.tail();
        if (id.isEmpty()) {
            throw HttpError.badRequest("Missing session");
        }
        return id;
    }
}
