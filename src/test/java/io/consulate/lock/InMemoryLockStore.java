// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An in-process stand-in for Consul's KV and sessions with the semantics the lock recipes rely on (one index
 * for every write, acquire/release, cas, blocking reads, destroying a session releases its keys), so the
 * recipes can be tested before the server side of sessions exists on this branch.
 */
final class InMemoryLockStore implements LockStore {
    private final TreeMap<String, Entry> kv = new TreeMap<>();
    private final Set<String> sessions = new HashSet<>();
    private long index = 1;

    synchronized void put(String key, byte[] value, long flags) {
        write(key, value, flags, kv.containsKey(key) ? kv.get(key).session() : "");
    }

    /** Invalidates a session as the server would on TTL expiry: its keys are released. */
    synchronized void invalidate(String id) {
        sessions.remove(id);
        for (Map.Entry<String, Entry> e : new ArrayList<>(kv.entrySet())) {
            if (e.getValue().session().equals(id)) {
                write(e.getKey(), e.getValue().value(), e.getValue().flags(), "");
            }
        }
    }

    synchronized Entry entry(String key) {
        return kv.get(key);
    }

    synchronized Set<String> sessions() {
        return Set.copyOf(sessions);
    }

    private void write(String key, byte[] value, long flags, String session) {
        kv.put(key, new Entry(key, value, flags, session, ++index));
        notifyAll();
    }

    @Override
    public synchronized String createSession(String name, Duration ttl) {
        String id = UUID.randomUUID().toString();
        sessions.add(id);
        index++;
        return id;
    }

    @Override
    public synchronized boolean renewSession(String id) {
        return sessions.contains(id);
    }

    @Override
    public synchronized void destroySession(String id) {
        invalidate(id);
    }

    @Override
    public synchronized Read<Entry> get(String key, long waitIndex, Duration wait) throws InterruptedException {
        block(waitIndex, wait);
        return new Read<>(index, kv.get(key));
    }

    @Override
    public synchronized Read<List<Entry>> list(String prefix, long waitIndex, Duration wait)
            throws InterruptedException {
        block(waitIndex, wait);
        List<Entry> out = new ArrayList<>();
        kv.tailMap(prefix).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.add(v);
            }
        });
        return new Read<>(index, out);
    }

    /** Coarse, like a table index: any write wakes every reader, which is all the recipes may assume. */
    private void block(long waitIndex, Duration wait) throws InterruptedException {
        Instant end = Instant.now().plus(wait);
        while (waitIndex != 0 && index == waitIndex) {
            long ms = Duration.between(Instant.now(), end).toMillis();
            if (ms <= 0) {
                return;
            }
            wait(ms);
        }
    }

    @Override
    public synchronized boolean acquire(String key, byte[] value, long flags, String session) {
        if (!sessions.contains(session)) {
            throw new IllegalStateException("invalid session \"" + session + "\"");
        }
        Entry e = kv.get(key);
        if (e != null && !e.session().isEmpty() && !e.session().equals(session)) {
            return false;
        }
        write(key, value, flags, session);
        return true;
    }

    @Override
    public synchronized boolean release(String key, byte[] value, long flags, String session) {
        Entry e = kv.get(key);
        if (e == null || !e.session().equals(session)) {
            return false;
        }
        write(key, value, flags, "");
        return true;
    }

    @Override
    public synchronized boolean cas(String key, byte[] value, long flags, long casIndex) {
        Entry e = kv.get(key);
        if (casIndex == 0 ? e != null : e == null || e.modifyIndex() != casIndex) {
            return false;
        }
        write(key, value, flags, e == null ? "" : e.session());
        return true;
    }

    @Override
    public synchronized void delete(String key) {
        if (kv.remove(key) != null) {
            index++;
            notifyAll();
        }
    }

    @Override
    public synchronized boolean deleteCas(String key, long casIndex) {
        Entry e = kv.get(key);
        if (e == null || e.modifyIndex() != casIndex) {
            return false;
        }
        delete(key);
        return true;
    }
}
