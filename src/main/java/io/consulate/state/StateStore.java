package io.consulate.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The single source of truth: an in-memory store changed only by the Raft state machine.
 *
 * <p>Mutators take the Raft index of the command they apply and are called from the one apply thread
 * (they are synchronized only so that misuse cannot corrupt state). Each mutation builds a new immutable
 * table version, publishes it with one volatile write, then fires exactly the watch topics it touched.
 * Readers take the current version without any lock and so never see half a write.
 */
public final class StateStore {
    /** Name of the KV table for table-level watches. */
    public static final String KVS = "kvs";

    private final Watches watches = new Watches();
    private final io.consulate.state.catalog.CatalogStore catalog =
            new io.consulate.state.catalog.CatalogStore(watches::fireTable);
    private final SessionStore sessions;
    private volatile KvTable kv = KvTable.EMPTY;

    public StateStore() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock the wall clock lock-delays are measured on */
    public StateStore(java.time.Clock clock) {
        this.sessions = new SessionStore(this, new LockDelays(clock));
    }

    public Watches watches() {
        return watches;
    }

    /** Nodes, services and checks. */
    public io.consulate.state.catalog.CatalogStore catalog() {
        return catalog;
    }

    /** Sessions, and the KV lock operations that depend on them. */
    public SessionStore sessions() {
        return sessions;
    }

    // ---- reads (lock-free) ----

    /** One key; index is its ModifyIndex, or the table index when it does not exist. */
    public Indexed<KvEntry> kvGet(String key, WatchSet ws) {
        if (ws != null) {
            ws.key(key);
        }
        KvTable t = kv;
        KvEntry e = t.get(key);
        return new Indexed<>(e != null ? e.modifyIndex() : t.maxIndex(), e);
    }

    /** Every entry under {@code prefix}, sorted by key. */
    public Indexed<List<KvEntry>> kvList(String prefix, WatchSet ws) {
        if (ws != null) {
            ws.prefix(prefix);
        }
        KvTable t = kv;
        List<KvEntry> listed = t.list(prefix);
        return new Indexed<>(t.prefixIndex(prefix, listed), listed);
    }

    /**
     * Keys under {@code prefix}; with a non-empty separator, each key is cut after the first separator
     * that follows the prefix and duplicates are dropped (Consul's "folders").
     */
    public Indexed<List<String>> kvKeys(String prefix, String separator, WatchSet ws) {
        Indexed<List<KvEntry>> listed = kvList(prefix, ws);
        Set<String> keys = new LinkedHashSet<>();
        for (KvEntry e : listed.value()) {
            String k = e.key();
            if (separator != null && !separator.isEmpty()) {
                int at = k.indexOf(separator, prefix.length());
                if (at >= 0) {
                    k = k.substring(0, at + separator.length());
                }
            }
            keys.add(k);
        }
        return new Indexed<>(listed.index(), new ArrayList<>(keys));
    }

    /** The KV table's max index, tombstones included. */
    public long kvIndex() {
        return kv.maxIndex();
    }

    // ---- mutations (apply thread only) ----

    /** Sets a key, keeping its CreateIndex, LockIndex and holder. Identical writes change nothing. */
    public synchronized boolean kvSet(long index, String key, Bytes value, long flags) {
        KvTable t = kv;
        KvEntry old = t.get(key);
        KvEntry next = KvEntry.set(old, key, value, flags, index);
        if (old != null && old.sameContent(next)) {
            return true;
        }
        publish(t.put(index, next), key);
        return true;
    }

    /** Check-and-set: {@code cas == 0} creates only; otherwise the ModifyIndex must equal {@code cas}. */
    public synchronized boolean kvCas(long index, String key, Bytes value, long flags, long cas) {
        KvEntry old = kv.get(key);
        if (cas == 0 ? old != null : old == null || old.modifyIndex() != cas) {
            return false;
        }
        return kvSet(index, key, value, flags);
    }

    /** Deletes a key, leaving a tombstone; deleting a missing key changes nothing. */
    public synchronized boolean kvDelete(long index, String key) {
        KvTable t = kv;
        if (t.get(key) != null) {
            publish(t.remove(index, key), key);
        }
        return true;
    }

    /** Deletes only if ModifyIndex equals {@code cas}; a missing key answers true, as Consul does. */
    public synchronized boolean kvDeleteCas(long index, String key, long cas) {
        KvEntry old = kv.get(key);
        if (old == null) {
            return true;
        }
        if (old.modifyIndex() != cas) {
            return false;
        }
        return kvDelete(index, key);
    }

    /** Deletes every key under {@code prefix}. */
    public synchronized boolean kvDeleteTree(long index, String prefix) {
        KvTable t = kv;
        List<KvEntry> doomed = t.list(prefix);
        if (doomed.isEmpty()) {
            return true;
        }
        KvTable next = t;
        for (KvEntry e : doomed) {
            next = next.remove(index, e.key());
        }
        kv = next;
        for (KvEntry e : doomed) {
            watches.fireKey(e.key());
        }
        watches.fireTable(KVS);
        return true;
    }

    /** Forgets tombstones at or below {@code upTo} (the leader decides when they are old enough). */
    public synchronized void kvReapTombstones(long upTo) {
        kv = kv.reap(upTo);
    }

    // ---- catalog writes ----

    /**
     * Registers a node, service or checks, then invalidates the node's sessions the change breaks, as one
     * step under the store's lock: a read-only transaction sees both or neither.
     */
    public synchronized void catalogRegister(long index, io.consulate.state.catalog.Registration r) {
        catalog.register(index, r);
        sessions.catalogChanged(index, r.node().node());
    }

    /** Deregisters a node, service or check and invalidates the sessions it breaks, as one step. */
    public synchronized void catalogDeregister(long index, String node, String serviceId, String checkId) {
        catalog.deregister(index, node, serviceId, checkId);
        sessions.catalogChanged(index, node);
    }

    // ---- transactions ----

    /**
     * Applies a transaction all-or-nothing at {@code index}: the operations run on private versions, and
     * only when none failed are the KV, sessions and catalog versions published and their watchers woken.
     */
    public synchronized TxnOutcome txn(long index, List<TxnOp> ops) {
        var catalogTxn = catalog.begin();
        TxnEngine engine = new TxnEngine(index, kv, sessions.table(), catalogTxn);
        TxnOutcome outcome = engine.run(ops);
        if (!outcome.ok()) {
            return outcome;
        }
        sessions.replaceTable(engine.sessions());
        if (!engine.kvChanged().isEmpty()) {
            publishKv(engine.kv(), engine.kvChanged());
        }
        for (String node : catalogTxn.commit()) {
            sessions.catalogChanged(index, node);
        }
        return outcome;
    }

    /**
     * Runs a transaction of reads and checks on the current versions, without changing anything. It holds
     * the store's lock for its (at most a few dozen) operations so that the KV, sessions and catalog
     * versions it reads belong together: a concurrent transaction is seen whole or not at all.
     */
    public synchronized TxnOutcome txnRead(List<TxnOp> ops) {
        return new TxnEngine(0, kv, sessions.table(), catalog.begin()).run(ops);
    }

    // ---- snapshot ----

    /** A consistent copy of the whole state for a Raft snapshot. */
    public StoreImage image() {
        KvTable t = kv;
        return new StoreImage(t.maxIndex(), List.copyOf(t.entries().values()), t.tombstones(), catalog.image(),
                sessions.image());
    }

    /** Replaces the whole state (snapshot install or restart) and wakes every watcher. */
    public synchronized void restore(StoreImage image) {
        KvTable t = KvTable.EMPTY;
        for (KvEntry e : image.entries()) {
            t = t.put(e.modifyIndex(), e);
        }
        var graveyard = t.tombstones().plusAll(image.tombstones());
        kv = new KvTable(t.entries(), graveyard, image.kvMaxIndex());
        catalog.restore(image.catalog());
        sessions.restore(image.sessions(), image.entries());
        watches.fireAll();
    }

    KvTable kvTable() {
        return kv;
    }

    /** Publishes a KV version built by the sessions table (lock, unlock, invalidation) and fires its keys. */
    void publishKv(KvTable next, Iterable<String> changed) {
        kv = next;
        for (String key : changed) {
            watches.fireKey(key);
        }
        watches.fireTable(KVS);
    }

    private void publish(KvTable next, String key) {
        kv = next;
        watches.fireKey(key);
        watches.fireTable(KVS);
    }
}
