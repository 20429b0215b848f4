package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Bytes;
import io.consulate.state.StateStore;
import io.consulate.testing.TestAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class TombstoneReaperTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void tombstonesAreReapedThroughRaftOnlyAfterTheTtl() throws Exception {
        StateStore store = new StateStore();
        ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();
        try (RaftNode raft = RaftNode.start(new RaftNode.Options(true, null, "127.0.0.1", TestAgent.freePort(),
                "reaper-test", "dc1", 8192), store)) {
            assertThat(raft.awaitLeader(Duration.ofSeconds(10))).isTrue();
            raft.apply(new Command.KvSet("gone/a", Bytes.copyOf(new byte[] {1}), 0)).get();
            raft.apply(new Command.KvDelete("gone/a")).get();
            assertThat(store.image().tombstones()).containsKey("gone/a");

            ManualClock clock = new ManualClock();
            TombstoneReaper reaper = new TombstoneReaper(raft, store, clock, Duration.ofMinutes(15), unused);
            reaper.tick();
            clock.advance(Duration.ofMinutes(14));
            reaper.tick();
            assertThat(store.image().tombstones()).as("younger than the TTL").containsKey("gone/a");

            clock.advance(Duration.ofMinutes(2));
            reaper.tick();
            await().atMost(Duration.ofSeconds(5)).until(() -> store.image().tombstones().isEmpty());
        } finally {
            unused.shutdownNow();
        }
    }
}
