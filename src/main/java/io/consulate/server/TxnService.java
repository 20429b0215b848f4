package io.consulate.server;

import static io.consulate.text.GoQuote.quote;

import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.raft.RaftNode;
import io.consulate.state.Indexed;
import io.consulate.state.StateStore;
import io.consulate.state.TxnOp;
import io.consulate.state.TxnOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The transaction capability ({@code PUT /v1/txn}). Limits and the leader's pre-checks run before the
 * command enters the log; a transaction with a write goes through Raft as one {@code Command.Txn} that
 * the state machine applies all-or-nothing; one made only of reads and checks is answered from the store
 * under the request's consistency mode, without Raft.
 */
public final class TxnService {
    private final RaftNode raft;
    private final StateStore store;
    private final Reads reads;
    private final long maxValueSize;
    private final int maxOps;

    /**
     * @param maxValueSize the largest KV value an operation may carry ({@code limits.kv_max_value_size})
     * @param maxOps       the most operations one transaction may hold ({@code limits.txn_max_ops}; Consul's
     *                     fixed {@code maxTxnOps} is 64); more is a 413
     */
    public TxnService(RaftNode raft, StateStore store, Reads reads, long maxValueSize, int maxOps) {
        this.raft = raft;
        this.store = store;
        this.reads = reads;
        this.maxValueSize = maxValueSize;
        this.maxOps = maxOps;
    }

    /**
     * Runs a transaction. Too many operations or a too-large value is a 413, a malformed key a 400; the
     * result's index is the commit index for writes and the store's index for reads.
     */
    public CompletableFuture<Indexed<TxnOutcome>> run(List<TxnOp> ops, QueryOptions opts) {
        validate(ops);
        boolean writes = ops.stream().anyMatch(TxnOp::writes);
        if (!writes) {
            QueryOptions once = new QueryOptions(0, opts.maxWait(), opts.consistency(), opts.context());
            return reads.read(once, ws -> new Indexed<>(currentIndex(), store.txnRead(ops)));
        }
        return raft.leaderView().thenCompose(v -> propose(ops));
    }

    private CompletableFuture<Indexed<TxnOutcome>> propose(List<TxnOp> ops) {
        List<TxnOutcome.Error> refused = preCheck(ops);
        if (!refused.isEmpty()) {
            return CompletableFuture.completedFuture(new Indexed<>(currentIndex(), new TxnOutcome(List.of(), refused)));
        }
        return raft.apply(new io.consulate.raft.Command.Txn(ops))
                .thenApply(r -> {
                    TxnOutcome o = (TxnOutcome) r.value();
                    return new Indexed<>(o.ok() ? r.index() : currentIndex(), o);
                });
    }

    /** The newest index a transaction's reads can see (a failed transaction leaves it where it was). */
    private long currentIndex() {
        return Math.max(store.kvIndex(), store.catalog().maxIndex());
    }

    private void validate(List<TxnOp> ops) {
        if (ops.size() > maxOps) {
            throw new HttpError(413, "Transaction contains too many operations (" + ops.size() + " > " + maxOps + ")");
        }
        for (TxnOp op : ops) {
            if (op instanceof TxnOp.Kv k) {
                if (k.value().length() > maxValueSize) {
                    throw new HttpError(413, "Value for key " + quote(k.key()) + " is too large (" + k.value().length()
                            + " > " + maxValueSize + " bytes)");
                }
                if (!k.verb().equals("get-tree") && !k.verb().equals("delete-tree")) {
                    KvService.validateKey(k.key());
                }
            }
        }
    }

    /**
     * What the leader refuses before proposing, as operation errors (Consul's preCheck): unknown verbs,
     * so the log only holds operations it knows, and {@code lock} on a key under lock-delay, because the
     * wall clock may only be read here, never in apply.
     */
    private List<TxnOutcome.Error> preCheck(List<TxnOp> ops) {
        List<TxnOutcome.Error> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            TxnOp op = ops.get(i);
            String unknown = unknownVerb(op);
            if (unknown != null) {
                errors.add(new TxnOutcome.Error(i, unknown));
            } else if (op instanceof TxnOp.Kv k && k.verb().equals("lock")
                    && store.sessions().lockDelays().active(k.key())) {
                errors.add(new TxnOutcome.Error(i, "failed to lock key " + quote(k.key()) + " due to lock delay"));
            }
        }
        return errors;
    }

    private static String unknownVerb(TxnOp op) {
        String kind = switch (op) {
            case TxnOp.Kv k -> TxnOp.KV_READS.contains(k.verb()) || k.writes() ? null : "KV";
            case TxnOp.NodeOp n -> n.writes() || n.verb().equals("get") ? null : "Node";
            case TxnOp.ServiceOp s -> s.writes() || s.verb().equals("get") ? null : "Service";
            case TxnOp.CheckOp c -> c.writes() || c.verb().equals("get") ? null : "Check";
        };
        return kind == null ? null : "unknown " + kind + " verb " + quote(op.verb());
    }
}
