// SPDX-License-Identifier: Apache-2.0
package io.consulate.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's recent user events: a ring of the last {@code capacity} events received (Consul keeps 256),
 * oldest first, with a Lamport clock stamping each, and one-shot change notifications for blocking lists.
 *
 * <p>Events are agent-local, like Consul's (which gossips them over Serf rather than replicating them
 * through Raft): they are in memory only and lost on restart. Thread-safe: ingestion and reads
 * synchronise on the buffer; waiters are completed outside the lock.
 */
public final class EventBuffer {
    /** Consul's ring size. */
    public static final int DEFAULT_CAPACITY = 256;

    private final UserEvent[] ring;
    private final Set<CompletableFuture<Void>> waiters = ConcurrentHashMap.newKeySet();
    private int next;
    private int size;
    private long clock;

    public EventBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new UserEvent[capacity];
    }

    /** Stores {@code event} (stamped with the next Lamport time), evicting the oldest when full; wakes waiters. */
    public UserEvent ingest(UserEvent event) {
        UserEvent stamped;
        synchronized (this) {
            stamped = event.withLTime(++clock);
            ring[next] = stamped;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
        }
        for (CompletableFuture<Void> w : List.copyOf(waiters)) {
            w.complete(null);
        }
        return stamped;
    }

    /** The buffered events, oldest first, optionally only those named {@code name} (null or "" = all). */
    public synchronized List<UserEvent> list(String name) {
        List<UserEvent> out = new ArrayList<>(size);
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            UserEvent e = ring[(start + i) % ring.length];
            if (name == null || name.isEmpty() || e.name().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * A future completed by the next {@link #ingest}. Register it <em>before</em> reading, so an event that
     * arrives between the read and the wait is not missed. Cancelling it forgets it at once.
     */
    public CompletableFuture<Void> nextChange() {
        CompletableFuture<Void> w = new CompletableFuture<>();
        waiters.add(w);
        w.whenComplete((v, e) -> waiters.remove(w));
        return w;
    }

    /** Waiters registered and not yet woken or cancelled (for tests and metrics). */
    public int waiting() {
        return waiters.size();
    }

    /** The X-Consul-Index of a list: {@link EventIndex} of its newest event, or 1 when it is empty. */
    public static long index(List<UserEvent> events) {
        return events.isEmpty() ? 1 : EventIndex.of(events.get(events.size() - 1).id());
    }
}
