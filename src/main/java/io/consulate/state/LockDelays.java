package io.consulate.state;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys under lock-delay after an invalidation released them (Consul's KVSLockDelay). Wall-clock state,
 * so it lives beside the replicated tables rather than in them: every server records the delay when it
 * applies the invalidation, and only the leader consults it, before it commits an {@code acquire}.
 * It is not part of snapshots, as in Consul.
 */
public final class LockDelays {
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

    LockDelays(Clock clock) {
        this.clock = clock;
    }

    void start(String key, long delayNanos) {
        if (delayNanos <= 0) {
            return;
        }
        Instant now = clock.instant();
        // Only the leader meets entries in active(); pruning here keeps every server's map to live delays.
        until.values().removeIf(e -> !now.isBefore(e));
        until.merge(key, now.plusNanos(delayNanos), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** True while {@code key} refuses acquire; forgets expired entries as it meets them. */
    public boolean active(String key) {
        Instant end = until.get(key);
        if (end == null) {
            return false;
        }
        if (!clock.instant().isBefore(end)) {
            until.remove(key, end);
            return false;
        }
        return true;
    }
}
