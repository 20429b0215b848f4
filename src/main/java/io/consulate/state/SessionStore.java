package io.consulate.state;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.CatalogStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sessions part of the state store, and the KV lock operations that depend on it. Same contract as
 * the KV and catalog tables: mutators take the Raft index and run on the apply thread (they lock the
 * owning {@link StateStore}, so a session change and the KV change it causes are one step), reads are
 * lock-free on an immutable version and register the topics they read.
 *
 * <p>Invalidation (destroy, TTL expiry, a critical or missing check, a deregistered node) removes the
 * session and releases, or with behavior {@code delete} deletes, every key it holds, starting each key's
 * lock-delay. Catalog-driven invalidation happens here, in the same apply step as the catalog change,
 * so it is deterministic on every server.
 */
public final class SessionStore {
    /** Table-level watch topic: any session change. */
    public static final String TABLE = "sessions";

    private final StateStore owner;
    private final LockDelays lockDelays;
    private volatile SessionTable table = SessionTable.EMPTY;
    private volatile Consumer<Session> created = s -> { };

    SessionStore(StateStore owner, LockDelays lockDelays) {
        this.owner = owner;
        this.lockDelays = lockDelays;
    }

    public LockDelays lockDelays() {
        return lockDelays;
    }

    /**
     * Called on the apply thread, outside the store's lock, with each session just created, on every
     * server: the leader's TTL timers start from it whichever server took the request.
     */
    public void onCreated(Consumer<Session> listener) {
        this.created = listener;
    }

    // ---- reads ----

    public Session get(String id) {
        return table.byId().get(id);
    }

    public Indexed<Session> info(String id, WatchSet ws) {
        watch(ws, topic(id));
        SessionTable t = table;
        return new Indexed<>(t.maxIndex(), t.byId().get(id));
    }

    /** Every session, by ID. */
    public Indexed<List<Session>> list(WatchSet ws) {
        watch(ws, TABLE);
        SessionTable t = table;
        return new Indexed<>(t.maxIndex(), List.copyOf(t.byId().values()));
    }

    /** The sessions of one node (case-insensitive), by ID. */
    public Indexed<List<Session>> onNode(String node, WatchSet ws) {
        watch(ws, nodeTopic(node));
        SessionTable t = table;
        List<Session> out = new ArrayList<>();
        for (String id : t.onNode(node)) {
            out.add(t.byId().get(id));
        }
        out.sort(java.util.Comparator.comparing(Session::id));
        return new Indexed<>(t.maxIndex(), out);
    }

    public long index() {
        return table.maxIndex();
    }

    /**
     * Why a session could not be created on the current catalog, or null when it can: the node must be
     * registered and each check must exist on it and not be critical. The leader asks before proposing,
     * and the apply step asks again (the catalog may have changed in between).
     */
    public String createError(String node, List<String> checks) {
        CatalogStore catalog = owner.catalog();
        return catalog.node(node) == null ? "Missing node registration" : checkError(checksOn(catalog, node), checks);
    }

    private static String checkError(Map<String, Check> onNode, List<String> checks) {
        for (String id : checks) {
            Check c = onNode.get(id);
            if (c == null) {
                return "Missing check '" + id + "' registration";
            }
            if (Check.CRITICAL.equals(c.status())) {
                return "Check '" + id + "' is in critical state";
            }
        }
        return null;
    }

    // ---- mutations (apply thread only) ----

    /** Creates a session; false (nothing changes) when its node or checks are missing or critical. */
    public boolean create(long index, Session s) {
        Session stored;
        synchronized (owner) {
            if (table.byId().containsKey(s.id()) || createError(s.node(), s.allChecks()) != null) {
                return false;
            }
            stored = s.withIndexes(index, index);
            table = table.put(index, stored);
            fire(s);
        }
        created.accept(stored);
        return true;
    }

    /** Invalidates a session (destroy or TTL expiry). Destroying an unknown session changes nothing. */
    public boolean destroy(long index, String id) {
        synchronized (owner) {
            Session s = table.byId().get(id);
            if (s != null) {
                invalidate(index, s);
            }
            return true;
        }
    }

    /**
     * After a catalog change on {@code node}: invalidates its sessions whose node is gone or whose checks
     * are missing or critical.
     */
    public void catalogChanged(long index, String node) {
        synchronized (owner) {
            List<String> ids = List.copyOf(table.onNode(node));
            if (ids.isEmpty()) {
                return;
            }
            CatalogStore catalog = owner.catalog();
            boolean gone = catalog.node(node) == null;
            Map<String, Check> onNode = gone ? Map.of() : checksOn(catalog, node); // once, not once per session
            for (String id : ids) {
                Session s = table.byId().get(id);
                if (s != null && (gone || checkError(onNode, s.allChecks()) != null)) {
                    invalidate(index, s);
                }
            }
        }
    }

    /**
     * Acquires {@code key} for {@code session} and sets its value: LockIndex grows by one unless the
     * session already holds the key. False when the session does not exist or another one holds the key.
     */
    public boolean kvLock(long index, String key, Bytes value, long flags, String session) {
        synchronized (owner) {
            if (!table.byId().containsKey(session)) {
                return false;
            }
            KvTable kv = owner.kvTable();
            KvEntry old = kv.get(key);
            if (old != null && old.session() != null && !old.session().equals(session)) {
                return false;
            }
            KvEntry next = KvEntry.locked(old, key, value, flags, session, index);
            table = table.hold(session, key);
            if (old == null || !old.sameContent(next)) {
                owner.publishKv(kv.put(index, next), List.of(key));
            }
            return true;
        }
    }

    /** Releases {@code key} if {@code session} holds it, setting its value; LockIndex is kept. */
    public boolean kvUnlock(long index, String key, Bytes value, long flags, String session) {
        synchronized (owner) {
            KvTable kv = owner.kvTable();
            KvEntry old = kv.get(key);
            if (old == null || !session.equals(old.session())) {
                return false;
            }
            table = table.unhold(session, key);
            owner.publishKv(kv.put(index, KvEntry.released(old, value, flags, index)), List.of(key));
            return true;
        }
    }

    private void invalidate(long index, Session s) {
        KvTable kv = owner.kvTable();
        List<String> changed = new ArrayList<>();
        for (String key : table.heldBy(s.id())) {
            KvEntry e = kv.get(key);
            if (e == null || !s.id().equals(e.session())) {
                continue; // stale: released or deleted since
            }
            kv = Session.DELETE.equals(s.behavior()) ? kv.remove(index, key)
                    : kv.put(index, KvEntry.released(e, e.value(), e.flags(), index));
            lockDelays.start(key, s.lockDelay());
            changed.add(key);
        }
        table = table.remove(index, s);
        if (!changed.isEmpty()) {
            owner.publishKv(kv, changed);
        }
        fire(s);
    }

    SessionTable table() {
        return table;
    }

    /** Publishes a table version staged by a transaction (held keys only; sessions are unchanged). */
    void replaceTable(SessionTable next) {
        table = next;
    }

    // ---- snapshot ----

    SessionImage image() {
        SessionTable t = table;
        return new SessionImage(List.copyOf(t.byId().values()), t.maxIndex());
    }

    /** Replaces the table; held keys are rebuilt from the KV entries' holders. The caller fires watches. */
    void restore(SessionImage image, Iterable<KvEntry> entries) {
        SessionTable t = SessionTable.EMPTY;
        for (Session s : image.sessions()) {
            t = t.put(s.modifyIndex(), s);
        }
        for (KvEntry e : entries) {
            if (e.session() != null) {
                t = t.hold(e.session(), e.key());
            }
        }
        table = new SessionTable(t.byId(), t.byNode(), t.held(), Math.max(t.maxIndex(), image.maxIndex()));
    }

    private void fire(Session s) {
        Watches w = owner.watches();
        w.fireTable(topic(s.id()));
        w.fireTable(nodeTopic(s.node()));
        w.fireTable(TABLE);
    }

    private static Map<String, Check> checksOn(CatalogStore catalog, String node) {
        Map<String, Check> out = new HashMap<>();
        for (Check c : catalog.nodeChecks(node, null).value()) {
            out.put(c.checkId(), c);
        }
        return out;
    }

    private static String topic(String id) {
        return "session/" + id;
    }

    private static String nodeTopic(String node) {
        return "session-node/" + SessionTable.nodeKey(node);
    }

    private static void watch(WatchSet ws, String topic) {
        if (ws != null) {
            ws.table(topic);
        }
    }
}
