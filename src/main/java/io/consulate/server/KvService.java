package io.consulate.server;

import io.consulate.http.HttpError;
import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Bytes;
import io.consulate.state.Indexed;
import io.consulate.state.KvEntry;
import io.consulate.state.StateStore;
import io.consulate.state.WatchSet;
import io.consulate.text.Echo;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The KV capability: validates writes before they enter the Raft log (a committed command must always
 * apply), proposes them, and reads the store.
 */
public final class KvService {
    /** Longest key accepted (our limit; Consul documents none). */
    public static final int MAX_KEY_BYTES = 1024;

    private final RaftNode raft;
    private final StateStore store;
    private final long maxValueSize;

    public KvService(RaftNode raft, StateStore store, long maxValueSize) {
        this.raft = raft;
        this.store = store;
        this.maxValueSize = maxValueSize;
    }

    public long maxValueSize() {
        return maxValueSize;
    }

    public CompletableFuture<Boolean> put(String key, Bytes value, long flags, Long cas) {
        validateKey(key);
        if (value.length() > maxValueSize) {
            throw new HttpError(413, "Value exceeds " + maxValueSize + " byte limit");
        }
        Command c = cas == null ? new Command.KvSet(key, value, flags) : new Command.KvCas(key, value, flags, cas);
        return raft.apply(c).thenApply(r -> r.ok());
    }

    /**
     * {@code ?acquire=}: the session must exist (else 500 {@code invalid session "<id>"}, Consul's text), and
     * a key under lock-delay refuses without a commit: the leader checks the wall clock here, before the
     * command enters the log, because apply must not depend on time.
     */
    public CompletableFuture<Boolean> acquire(String key, Bytes value, long flags, String session) {
        checkWrite(key, value);
        return raft.leaderView().thenCompose(v -> proposeAcquire(key, value, flags, session));
    }

    private CompletableFuture<Boolean> proposeAcquire(String key, Bytes value, long flags, String session) {
        if (session == null || store.sessions().get(session) == null) {
            throw new HttpError(500, "invalid session \"" + Echo.abbreviate(String.valueOf(session)) + "\"");
        }
        KvEntry held = store.kvGet(key, null).value();
        boolean heldByAnother = held != null && held.session() != null && !held.session().equals(session);
        if (heldByAnother || store.sessions().lockDelays().active(key)) {
            // Answered without a log entry: a poller retrying acquire on a held lock costs no commit.
            return CompletableFuture.completedFuture(false);
        }
        return raft.apply(new Command.KvLock(key, value, flags, session)).thenApply(r -> r.ok());
    }

    /** {@code ?release=}: true only when that session holds the key; an unknown session is simply false. */
    public CompletableFuture<Boolean> release(String key, Bytes value, long flags, String session) {
        checkWrite(key, value);
        return raft.leaderView().thenCompose(v -> proposeRelease(key, value, flags, session));
    }

    private CompletableFuture<Boolean> proposeRelease(String key, Bytes value, long flags, String session) {
        KvEntry held = store.kvGet(key, null).value();
        if (session == null || held == null || !session.equals(held.session())) {
            return CompletableFuture.completedFuture(false);
        }
        return raft.apply(new Command.KvUnlock(key, value, flags, session)).thenApply(r -> r.ok());
    }

    private void checkWrite(String key, Bytes value) {
        validateKey(key);
        if (value.length() > maxValueSize) {
            throw new HttpError(413, "Value exceeds " + maxValueSize + " byte limit");
        }
    }

    public CompletableFuture<Boolean> delete(String key, boolean recurse, Long cas) {
        if (!recurse) {
            validateKey(key);
        }
        Command c = recurse ? new Command.KvDeleteTree(key)
                : cas == null ? new Command.KvDelete(key) : new Command.KvDeleteCas(key, cas);
        return raft.apply(c).thenApply(r -> r.ok());
    }

    public Indexed<KvEntry> get(String key, WatchSet ws) {
        return store.kvGet(key, ws);
    }

    public Indexed<List<KvEntry>> list(String prefix, WatchSet ws) {
        return store.kvList(prefix, ws);
    }

    public Indexed<List<String>> keys(String prefix, String separator, WatchSet ws) {
        return store.kvKeys(prefix, separator, ws);
    }

    /**
     * Rejects keys that could not be stored safely or would be path tricks: empty, over
     * {@link #MAX_KEY_BYTES}, control characters (NUL included), or a {@code ..} segment.
     */
    static void validateKey(String key) {
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw HttpError.badRequest("Key too long (max " + MAX_KEY_BYTES + " bytes)");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw HttpError.badRequest("Invalid key: control characters are not allowed");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..")) {
                throw HttpError.badRequest("Invalid key: path traversal segment \"..\"");
            }
        }
    }
}
