package io.consulate.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.state.Bytes;
import io.consulate.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three real Ratis servers on 127.0.0.1-3: replication, follower writes and reads, and leader failover. */
class RaftClusterTest {
    private TestCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = TestCluster.start(3);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void writeOnAFollowerIsCommittedByTheLeaderAndVisibleLocallyWhenItReturns() throws Exception {
        TestCluster.Server follower = cluster.followers().get(0);
        ApplyResult r = follower.raft.apply(set("k", "v")).get(10, TimeUnit.SECONDS);
        assertThat(r.ok()).isTrue();
        assertThat(value(follower, "k")).isEqualTo("v");
        for (TestCluster.Server s : cluster.servers()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> "v".equals(value(s, "k")));
            assertThat(s.store.kvGet("k", null).index()).isEqualTo(r.index());
        }
    }

    @Test
    void followerReadBarrierWaitsForTheLeadersLatestWrite() throws Exception {
        TestCluster.Server leader = cluster.awaitLeader(Duration.ofSeconds(5));
        TestCluster.Server follower = cluster.followers().get(0);
        for (int i = 0; i < 50; i++) {
            leader.raft.apply(set("n", Integer.toString(i))).get(10, TimeUnit.SECONDS);
            follower.raft.readBarrier().get(10, TimeUnit.SECONDS);
            assertThat(value(follower, "n")).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void anotherServerLeadsWhenTheLeaderStopsAndWritesGoOn() throws Exception {
        TestCluster.Server old = cluster.awaitLeader(Duration.ofSeconds(5));
        old.raft.apply(set("before", "1")).get(10, TimeUnit.SECONDS);
        cluster.stop(old);
        TestCluster.Server next = cluster.awaitLeader(Duration.ofSeconds(20));
        assertThat(next).isNotSameAs(old);
        assertThat(value(next, "before")).isEqualTo("1");
        TestCluster.Server follower = cluster.followers().get(0);
        assertThat(follower.raft.apply(set("after", "2")).get(15, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(value(follower, "after")).isEqualTo("2");
        assertThat(follower.raft.leaderAddress()).isEqualTo(next.peer.address());
    }

    @Test
    void askLeaderIsAnsweredByTheLeadersHandlerFromAnyServer() throws Exception {
        for (TestCluster.Server s : cluster.servers()) {
            s.raft.onLeaderQuery(req -> (s.peer.id() + "/" + new String(req, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }
        TestCluster.Server leader = cluster.awaitLeader(Duration.ofSeconds(5));
        for (TestCluster.Server s : cluster.servers()) {
            byte[] answer = s.raft.askLeader("ping".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo(leader.peer.id() + "/ping");
        }
    }

    @Test
    void peersListEveryServerAndAPeerListWithoutThisServerIsRefused() {
        for (TestCluster.Server s : cluster.servers()) {
            assertThat(s.raft.peers()).containsExactlyInAnyOrderElementsOf(
                    cluster.servers().stream().map(x -> x.peer.address()).toList());
        }
        var bad = new RaftNode.Options(true, null, "127.0.0.9", 1, "stranger", "dc1", 8192,
                java.util.List.of(cluster.servers().get(0).peer));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RaftNode.start(bad, new io.consulate.state.StateStore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stranger");
    }

    private static Command set(String key, String value) {
        return new Command.KvSet(key, Bytes.copyOf(value.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static String value(TestCluster.Server s, String key) {
        var e = s.store.kvGet(key, null).value();
        return e == null ? null : new String(e.value().toArray(), StandardCharsets.UTF_8);
    }
}
