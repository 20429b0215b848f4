package io.consulate.server;

import io.consulate.http.ApiResponse;
import io.consulate.http.BlockingQuery;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.raft.RaftNode;
import io.consulate.state.Indexed;
import io.consulate.state.WatchSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How every read endpoint runs: check the consistency mode against leadership, wait for a ReadIndex
 * when {@code consistent} asks for one, run the read as a blocking query, and add Consul's read headers.
 *
 * <p>A follower serves a default read after a ReadIndex, so it answers with the leader's view as a Consul
 * follower does by forwarding the read; {@code stale} reads are served from whatever it has applied.
 */
public final class Reads {
    private final RaftNode raft;
    private final BlockingQuery blocking;

    public Reads(RaftNode raft, BlockingQuery blocking) {
        this.raft = raft;
        this.blocking = blocking;
    }

    public <T> CompletableFuture<Indexed<T>> read(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
        return switch (opts.consistency()) {
            case STALE -> blocking.run(opts, read);
            case DEFAULT -> raft.isLeaderReady() ? blocking.run(opts, read) : caughtUp(opts, read);
            case CONSISTENT -> caughtUp(opts, read);
        };
    }

    private <T> CompletableFuture<Indexed<T>> caughtUp(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
        if (!raft.isLeaderReady() && raft.leaderAddress().isEmpty()) {
            throw new HttpError(500, "No cluster leader");
        }
        return raft.readBarrier().thenCompose(v -> blocking.run(opts, read));
    }

    /** X-Consul-Index (never 0), KnownLeader, LastContact and Effective-Consistency. */
    public Map<String, String> headers(long index, QueryOptions opts) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Consul-Index", Long.toUnsignedString(Math.max(1, index)));
        h.put("X-Consul-KnownLeader", Boolean.toString(!raft.leaderAddress().isEmpty()));
        h.put("X-Consul-LastContact", "0");
        h.put("X-Consul-Effective-Consistency", opts.consistency().header());
        return h;
    }

    public ApiResponse json(int status, byte[] body, long index, QueryOptions opts) {
        return ApiResponse.json(status, body).withHeaders(headers(index, opts));
    }
}
