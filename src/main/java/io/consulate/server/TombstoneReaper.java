package io.consulate.server;

import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Leader duty: forgets KV tombstones once they are older than the tombstone TTL (Consul: 15 minutes),
 * through a Raft command so every server forgets the same ones. It samples the KV index once a minute and
 * reaps up to the index it saw one TTL ago.
 */
public final class TombstoneReaper implements AutoCloseable {
    private record Sample(Instant at, long index) {}

    private final RaftNode raft;
    private final StateStore store;
    private final Clock clock;
    private final Duration ttl;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private long reapedUpTo;

    TombstoneReaper(RaftNode raft, StateStore store, Clock clock, Duration ttl, ScheduledExecutorService timer) {
        this.raft = raft;
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.timer = timer;
    }

    public static TombstoneReaper start(RaftNode raft, StateStore store, Clock clock, Duration ttl) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consulate-tombstone-reaper");
            t.setDaemon(true);
            return t;
        });
        TombstoneReaper reaper = new TombstoneReaper(raft, store, clock, ttl, timer);
        timer.scheduleWithFixedDelay(reaper::tick, 1, 1, TimeUnit.MINUTES);
        return reaper;
    }

    /** One round: record the current index, and reap up to the newest sample older than the TTL. */
    synchronized void tick() {
        Instant now = clock.instant();
        samples.addLast(new Sample(now, store.kvIndex()));
        long upTo = 0;
        while (!samples.isEmpty() && samples.peekFirst().at().plus(ttl).isBefore(now)) {
            upTo = samples.pollFirst().index();
        }
        if (upTo > reapedUpTo && raft.isLeaderReady()) {
            reapedUpTo = upTo;
            raft.apply(new Command.TombstoneReap(upTo));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
