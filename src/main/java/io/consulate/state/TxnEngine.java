package io.consulate.state;

import static io.consulate.text.GoQuote.quote;

import io.consulate.state.TxnOutcome.Result;
import io.consulate.state.catalog.CatalogTxn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one transaction against private copies of the KV, sessions and catalog versions. Like Consul it
 * runs every operation and collects every error; only when there is none does the caller publish the
 * staged versions, so a failed transaction changes nothing, moves no index and wakes no watcher.
 */
final class TxnEngine {
    private final long index;
    private final CatalogTxn catalog;
    private final Set<String> kvChanged = new LinkedHashSet<>();
    private KvTable kv;
    private SessionTable sessions;

    /** @param index the Raft index writes take; 0 for a read-only run (writes never reach it) */
    TxnEngine(long index, KvTable kv, SessionTable sessions, CatalogTxn catalog) {
        this.index = index;
        this.kv = kv;
        this.sessions = sessions;
        this.catalog = catalog;
    }

    TxnOutcome run(List<TxnOp> ops) {
        List<Result> results = new ArrayList<>();
        List<TxnOutcome.Error> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            try {
                results.addAll(apply(ops.get(i)));
            } catch (TxnOpFailed e) {
                errors.add(new TxnOutcome.Error(i, e.getMessage()));
            }
        }
        return errors.isEmpty() ? new TxnOutcome(results, List.of()) : new TxnOutcome(List.of(), errors);
    }

    KvTable kv() {
        return kv;
    }

    SessionTable sessions() {
        return sessions;
    }

    Set<String> kvChanged() {
        return kvChanged;
    }

    private List<Result> apply(TxnOp op) {
        return switch (op) {
            case TxnOp.Kv k -> kvOp(k);
            case TxnOp.NodeOp n -> catalog.node(index, n);
            case TxnOp.ServiceOp s -> catalog.service(index, s);
            case TxnOp.CheckOp c -> catalog.check(index, c);
        };
    }

    private List<Result> kvOp(TxnOp.Kv op) {
        String key = op.key();
        KvEntry cur = kv.get(key);
        return switch (op.verb()) {
            case "set" -> written(set(op, cur));
            case "cas" -> {
                if (op.index() == 0 ? cur != null : cur == null || cur.modifyIndex() != op.index()) {
                    throw new TxnOpFailed("failed to set key " + quote(key) + ", index is stale");
                }
                yield written(set(op, cur));
            }
            case "lock" -> written(lock(op, cur));
            case "unlock" -> written(unlock(op, cur));
            case "get" -> {
                if (cur == null) {
                    throw new TxnOpFailed("key " + quote(key) + " doesn't exist");
                }
                yield List.of(Result.of(cur));
            }
            case "get-tree" -> kv.list(key).stream().map(Result::of).toList();
            case "check-index" -> written(checkIndex(op, cur));
            case "check-session" -> written(checkSession(op, cur));
            case "check-not-exists" -> {
                if (cur != null) {
                    throw new TxnOpFailed("key " + quote(key) + " exists");
                }
                yield List.of();
            }
            case "delete" -> delete(key, cur);
            case "delete-tree" -> {
                for (KvEntry e : kv.list(key)) {
                    delete(e.key(), e);
                }
                yield List.of();
            }
            case "delete-cas" -> {
                if (cur != null && cur.modifyIndex() != op.index()) {
                    throw new TxnOpFailed("failed to delete key " + quote(key) + ", index is stale");
                }
                yield delete(key, cur);
            }
            default -> throw new TxnOpFailed("unknown KV verb " + quote(op.verb()));
        };
    }

    /** Write and check results carry the entry without its value, as Consul's do. */
    private static List<Result> written(KvEntry e) {
        return List.of(Result.of(new KvEntry(e.key(), e.flags(), null, e.lockIndex(), e.session(), e.createIndex(),
                e.modifyIndex())));
    }

    private KvEntry set(TxnOp.Kv op, KvEntry cur) {
        return put(cur, KvEntry.set(cur, op.key(), op.value(), op.flags(), index));
    }

    private KvEntry lock(TxnOp.Kv op, KvEntry cur) {
        String session = op.session();
        if (session.isEmpty()) {
            throw new TxnOpFailed("missing session");
        }
        if (!sessions.byId().containsKey(session)) {
            throw new TxnOpFailed("invalid session " + quote(session));
        }
        if (cur != null && cur.session() != null && !cur.session().equals(session)) {
            throw new TxnOpFailed("failed to lock key " + quote(op.key()) + ", lock is already held");
        }
        sessions = sessions.hold(session, op.key());
        return put(cur, KvEntry.locked(cur, op.key(), op.value(), op.flags(), session, index));
    }

    private KvEntry unlock(TxnOp.Kv op, KvEntry cur) {
        if (op.session().isEmpty()) {
            throw new TxnOpFailed("missing session");
        }
        if (cur == null || !op.session().equals(cur.session())) {
            throw new TxnOpFailed("failed to unlock key " + quote(op.key())
                    + ", lock isn't held, or is held by another session");
        }
        sessions = sessions.unhold(op.session(), op.key());
        return put(cur, KvEntry.released(cur, op.value(), op.flags(), index));
    }

    private KvEntry checkIndex(TxnOp.Kv op, KvEntry cur) {
        if (cur == null) {
            throw new TxnOpFailed("failed to check index, key " + quote(op.key()) + " doesn't exist");
        }
        if (cur.modifyIndex() != op.index()) {
            throw new TxnOpFailed("failed index check for key " + quote(op.key()) + ", current modify index "
                    + cur.modifyIndex() + " != " + op.index());
        }
        return cur;
    }

    private KvEntry checkSession(TxnOp.Kv op, KvEntry cur) {
        if (cur == null) {
            throw new TxnOpFailed("failed to check session, key " + quote(op.key()) + " doesn't exist");
        }
        String held = cur.session() == null ? "" : cur.session();
        if (!held.equals(op.session())) {
            throw new TxnOpFailed("failed session check for key " + quote(op.key()) + ", current session "
                    + quote(held) + " != " + quote(op.session()));
        }
        return cur;
    }

    /** Stages {@code next} unless it is identical to {@code cur} (unchanged writes keep their ModifyIndex). */
    private KvEntry put(KvEntry cur, KvEntry next) {
        if (cur != null && cur.sameContent(next)) {
            return cur;
        }
        kv = kv.put(index, next);
        kvChanged.add(next.key());
        return next;
    }

    private List<Result> delete(String key, KvEntry cur) {
        if (cur != null) {
            kv = kv.remove(index, key);
            kvChanged.add(key);
        }
        return List.of();
    }
}
