package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.api.SessionCreateRequest;
import io.consulate.raft.Command;
import io.consulate.state.Session;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session TTLs on three real Raft servers: the timers run on whichever server leads, sessions created or
 * renewed through a follower reach the leader's timers, and when the leader stops the next one takes
 * over every session's timer, so an unrenewed session still expires and a renewed one still lives.
 */
class SessionFailoverTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final long GRACE_MS = TTL.toMillis() * SessionTimers.TTL_MULTIPLIER;

    private TestCluster cluster;
    private final List<SessionService> services = new ArrayList<>();
    private final List<SessionTimers> timers = new ArrayList<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws Exception {
        cluster = TestCluster.start(3);
        for (TestCluster.Server s : cluster.servers()) {
            SessionTimers t = SessionTimers.start(s.raft, s.store.sessions(), Duration.ofMillis(50));
            timers.add(t);
            services.add(new SessionService(s.raft, s.store.sessions(), t, "n1", TTL));
        }
        cluster.awaitLeader(Duration.ofSeconds(5)).raft.apply(new Command.CatalogRegister(new Registration(
                new Node("", "n1", "10.0.0.1", "dc1", null, Map.of(), 0, 0), null, List.of(), false))).get();
    }

    @AfterEach
    void stop() throws Exception {
        renewer.shutdownNow();
        timers.forEach(SessionTimers::close);
        cluster.close();
    }

    @Test
    void sessionCreatedOnAFollowerIsExpiredByTheLeaderWithinItsGrace() throws Exception {
        int follower = indexOf(cluster.followers().get(0));
        long created = System.nanoTime();
        String id = services.get(follower).create(request()).get(10, TimeUnit.SECONDS);
        long gone = awaitGone(id, cluster.servers().get(follower), Duration.ofSeconds(10));
        assertThat(millisBetween(created, gone)).isBetween(TTL.toMillis(), GRACE_MS + 1_000);
    }

    @Test
    void renewOnAFollowerMovesTheLeadersDeadline() throws Exception {
        int follower = indexOf(cluster.followers().get(0));
        String id = services.get(follower).create(request()).get(10, TimeUnit.SECONDS);
        long lastRenew = 0;
        for (int i = 0; i < 8; i++) { // 2.4 s of renewals: longer than the grace of the first create
            Thread.sleep(300);
            assertThat(services.get(follower).renew(id).get(10, TimeUnit.SECONDS).id()).isEqualTo(id);
            lastRenew = System.nanoTime();
        }
        long gone = awaitGone(id, cluster.servers().get(follower), Duration.ofSeconds(10));
        assertThat(millisBetween(lastRenew, gone)).isBetween(TTL.toMillis(), GRACE_MS + 1_000);
    }

    @Test
    void renewOfAnUnknownSessionOnAFollowerIsConsuls404() {
        SessionService follower = services.get(indexOf(cluster.followers().get(0)));
        String unknown = "44444444-4444-4444-4444-444444444444";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> follower.renew(unknown).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(io.consulate.http.HttpError.class)
                .cause().hasMessage("Session id '" + unknown + "' not found");
    }

    @Test
    void timersSurviveALeaderChange() throws Exception {
        TestCluster.Server oldLeader = cluster.awaitLeader(Duration.ofSeconds(5));
        int survivor = indexOf(cluster.followers().get(0));
        SessionService via = services.get(survivor);
        String idle = via.create(request()).get(10, TimeUnit.SECONDS);
        String renewed = via.create(request()).get(10, TimeUnit.SECONDS);
        renewer.scheduleWithFixedDelay(() -> via.renew(renewed).exceptionally(e -> null), 0, 300, TimeUnit.MILLISECONDS);
        long lastIdleRenew = System.nanoTime();

        cluster.stop(oldLeader);
        cluster.awaitLeader(Duration.ofSeconds(20));
        long elected = System.nanoTime();
        long gone = awaitGone(idle, cluster.servers().get(survivor), Duration.ofSeconds(15));

        assertThat(millisBetween(lastIdleRenew, gone)).isGreaterThanOrEqualTo(TTL.toMillis());
        assertThat(millisBetween(elected, gone)).isLessThanOrEqualTo(GRACE_MS + 1_000);
        Thread.sleep(GRACE_MS + 500); // past any grace the renewed session would have had without renewals
        for (TestCluster.Server s : cluster.servers()) {
            if (s.raft != null) {
                assertThat(s.store.sessions().get(renewed)).as("renewed session on " + s.peer.id()).isNotNull();
            }
        }
    }

    private SessionCreateRequest request() {
        return new SessionCreateRequest("failover", "n1", List.of(), List.of(), 0L, Session.RELEASE,
                TTL.toSeconds() + "s");
    }

    private int indexOf(TestCluster.Server s) {
        return cluster.servers().indexOf(s);
    }

    /** Waits until the session is gone from {@code s}'s store; answers when (System.nanoTime). */
    private static long awaitGone(String id, TestCluster.Server s, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> s.store.sessions().get(id) == null);
        return System.nanoTime();
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }
}
