package io.consulate.server;

import io.consulate.api.TxnWire;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.QueryOptions;
import io.consulate.state.TxnOp;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code PUT /v1/txn}: 200 with Results, or 409 with Errors; X-Consul-Index on both. */
public final class TxnEndpoint {
    private final TxnService txn;
    private final Reads reads;
    private final long maxRequestBytes;

    /** @param maxRequestBytes {@code limits.txn_max_req_len}: the body limit of the route */
    public TxnEndpoint(TxnService txn, Reads reads, long maxRequestBytes) {
        this.txn = txn;
        this.reads = reads;
        this.maxRequestBytes = maxRequestBytes;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public CompletableFuture<ApiResponse> put(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        List<TxnOp> ops = TxnWire.parse(r.body().unsafeArray());
        return txn.run(ops, opts).thenApply(res -> reads.json(res.value().ok() ? 200 : 409,
                TxnWire.render(res.value()), res.index(), opts));
    }
}
