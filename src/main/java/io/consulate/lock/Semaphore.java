// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Consul's semaphore layout, as {@code consul lock -n} and the Go client's {@code api.Semaphore} use it: each
 * contender holds {@code PREFIX/<session>} with its session; {@code PREFIX/.lock} holds
 * {@code {"Limit":N,"Holders":{"<session>":true,...}}}, changed only by check-and-set. A contender takes a slot
 * by adding itself to Holders when fewer than Limit <em>live</em> holders are listed (a holder whose contender
 * key is gone or no longer held by its session is dropped). Both kinds of key carry {@link #FLAGS}.
 */
public final class Semaphore implements HeldLock {
    /** The flags Consul's Go client writes on semaphore keys ({@code SemaphoreFlagValue}). */
    public static final long FLAGS = 0xe0f69a2baa414de0L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LockStore store;
    private final String prefix;
    private final String session;
    private final int limit;
    private final Duration wait;
    private boolean held;

    /** A semaphore of {@code limit} slots under {@code prefix}. */
    public Semaphore(LockStore store, String prefix, String session, int limit, Duration wait) {
        if (limit <= 0) {
            throw new IllegalArgumentException("semaphore limit must be positive");
        }
        this.store = store;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.session = session;
        this.limit = limit;
        this.wait = wait;
    }

    private String lockKey() {
        return prefix + ".lock";
    }

    private String contenderKey() {
        return prefix + session;
    }

    /** The decoded {@code .lock} entry: its limit, holders, and ModifyIndex (0 when absent). */
    record State(int limit, Set<String> holders, long modifyIndex) {
        byte[] encode() {
            ObjectNode o = JSON.createObjectNode().put("Limit", limit);
            ObjectNode h = o.putObject("Holders");
            new TreeSet<>(holders).forEach(s -> h.put(s, true));
            return o.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public boolean acquire(Instant deadline) throws IOException, InterruptedException, LockConflictException {
        if (!store.acquire(contenderKey(), new byte[0], FLAGS, session)) {
            throw new IOException("failed to make contender entry");
        }
        try {
            if (contend(deadline)) {
                return true;
            }
        } catch (LockConflictException | RuntimeException e) {
            store.delete(contenderKey());
            throw e;
        }
        store.delete(contenderKey());
        return false;
    }

    private boolean contend(Instant deadline) throws IOException, InterruptedException, LockConflictException {
        long index = 0;
        while (true) {
            Duration left = Deadlines.left(deadline, wait);
            if (left == null) {
                return false;
            }
            LockStore.Read<List<LockStore.Entry>> r = store.list(prefix, index, left);
            State s = live(r.value());
            if (s.holders().size() >= s.limit()) {
                index = r.index();
                continue;
            }
            Set<String> holders = new HashSet<>(s.holders());
            holders.add(session);
            if (store.cas(lockKey(), new State(limit, holders, 0).encode(), FLAGS, s.modifyIndex())) {
                held = true;
                return true;
            }
            index = 0; // someone else changed .lock meanwhile: look again
        }
    }

    /** The {@code .lock} state with holders that have no live contender key dropped. */
    State live(List<LockStore.Entry> entries) throws LockConflictException {
        Set<String> alive = new HashSet<>();
        LockStore.Entry lock = null;
        for (LockStore.Entry e : entries) {
            if (e.key().equals(lockKey())) {
                lock = e;
            } else if (!e.session().isEmpty() && e.key().equals(prefix + e.session())) {
                if (e.flags() != FLAGS) {
                    throw new LockConflictException("Existing key does not match semaphore use");
                }
                alive.add(e.session());
            }
        }
        State s = decode(lock);
        Set<String> holders = new HashSet<>(s.holders());
        holders.retainAll(alive);
        return new State(s.limit(), holders, s.modifyIndex());
    }

    private State decode(LockStore.Entry lock) throws LockConflictException {
        if (lock == null) {
            return new State(limit, Set.of(), 0);
        }
        if (lock.flags() != FLAGS) {
            throw new LockConflictException("Existing key does not match semaphore use");
        }
        JsonNode n;
        try {
            n = JSON.readTree(lock.value());
        } catch (IOException e) {
            throw new LockConflictException("Failed to read semaphore lock: " + e.getMessage());
        }
        if (n == null || !n.path("Limit").canConvertToInt() || !n.path("Holders").isObject() && !n.path("Holders")
                .isNull() && !n.path("Holders").isMissingNode()) {
            throw new LockConflictException("Failed to read semaphore lock: malformed content");
        }
        int lockLimit = n.path("Limit").asInt();
        if (lockLimit != limit) {
            throw new LockConflictException("semaphore limit conflict (lock: " + lockLimit + ", local: " + limit + ")");
        }
        Set<String> holders = new HashSet<>();
        n.path("Holders").fieldNames().forEachRemaining(holders::add);
        return new State(lockLimit, holders, lock.modifyIndex());
    }

    @Override
    public void awaitLoss(int retries) throws InterruptedException {
        long index = 0;
        int failures = 0;
        while (true) {
            try {
                // The whole prefix, as Consul's monitorLock: an invalidated session releases its contender key
                // but leaves .lock untouched, so the slot is lost when that key is, too.
                LockStore.Read<List<LockStore.Entry>> r = store.list(prefix, index, wait);
                if (!live(r.value()).holders().contains(session)) {
                    return;
                }
                index = r.index();
                failures = 0;
            } catch (LockConflictException e) {
                return;
            } catch (IOException e) {
                if (++failures > retries) {
                    return;
                }
                Thread.sleep(Duration.ofSeconds(1));
            }
        }
    }

    @Override
    public void release() throws IOException, InterruptedException {
        if (!held) {
            return;
        }
        held = false;
        while (true) {
            LockStore.Entry lock = store.get(lockKey(), 0, wait).value();
            State s;
            try {
                s = decode(lock);
            } catch (LockConflictException e) {
                break;
            }
            if (!s.holders().contains(session)) {
                break;
            }
            Set<String> holders = new HashSet<>(s.holders());
            holders.remove(session);
            if (store.cas(lockKey(), new State(limit, holders, 0).encode(), FLAGS, s.modifyIndex())) {
                break;
            }
        }
        store.delete(contenderKey());
    }

    @Override
    public void cleanup() throws IOException, InterruptedException {
        LockStore.Read<List<LockStore.Entry>> r = store.list(prefix, 0, wait);
        LockStore.Entry lock = null;
        for (LockStore.Entry e : r.value()) {
            if (e.key().equals(lockKey())) {
                lock = e;
            } else {
                return; // another contender: in use
            }
        }
        if (lock == null) {
            return;
        }
        try {
            if (live(r.value()).holders().isEmpty()) {
                store.deleteCas(lockKey(), lock.modifyIndex());
            }
        } catch (LockConflictException e) {
            // not ours to delete
        }
    }
}
