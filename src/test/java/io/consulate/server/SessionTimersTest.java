package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Session;
import io.consulate.state.StateStore;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's session timers on a real single-member Raft group, with the deadline clock moved by hand:
 * a renewal only moves the deadline (one scheduled task per session however often it renews), a timer
 * that fires before the deadline re-arms, and one that fires after it invalidates through Raft.
 */
class SessionTimersTest {
    private static final String ID = "33333333-3333-3333-3333-333333333333";
    /** Real delay of the first timer: TTL 100ms x 2. */
    private static final Session SESSION = new Session(ID, "t", "n1", List.of(), List.of(), 0, Session.RELEASE,
            "100ms", 0, 0);

    private final StateStore store = new StateStore();
    private final AtomicLong now = new AtomicLong();
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private RaftNode raft;
    private SessionTimers timers;

    @BeforeEach
    void start() throws Exception {
        raft = RaftNode.start(new RaftNode.Options(true, null, "127.0.0.1", TestAgent.freePort(), "timers-test", "dc1",
                8192), store);
        assertThat(raft.awaitLeader(Duration.ofSeconds(10))).isTrue();
        raft.apply(new Command.CatalogRegister(new Registration(new Node("", "n1", "10.0.0.1", "dc1", null, Map.of(),
                0, 0), null, List.of(), false))).get();
        assertThat(raft.apply(new Command.SessionCreate(SESSION)).get().ok()).isTrue();
        // Cancelled tasks stay queued here (production removes them): a renewal that cancelled and
        // rescheduled would leave one task per renewal behind.
        timers = new SessionTimers(raft, store.sessions(), executor, now::get);
        timers.checkLeadership(); // leads: arms the stored session's timer
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        raft.close();
    }

    @Test
    void renewalsMoveTheDeadlineWithoutSchedulingATaskEach() {
        for (int i = 0; i < 10_000; i++) {
            timers.reset(SESSION);
        }
        assertThat(timers.scheduledTasks()).isEqualTo(1);
        assertThat(timers.size()).isEqualTo(1);
    }

    @Test
    void aTimerFiringBeforeTheDeadlineReArmsAndOneFiringAfterItInvalidates() throws Exception {
        now.addAndGet(Duration.ofMillis(150).toNanos());
        timers.reset(SESSION); // deadline: 150ms + 200ms on the manual clock
        // The first task fires after 200ms of real time and finds 150ms left: it re-arms.
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.getCompletedTaskCount() >= 1);
        assertThat(store.sessions().get(ID)).isNotNull();
        assertThat(timers.scheduledTasks()).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos()); // past the deadline
        await().atMost(Duration.ofSeconds(5)).until(() -> store.sessions().get(ID) == null);
        assertThat(timers.size()).isZero();
        assertThat(timers.scheduledTasks()).isZero();
    }

    @Test
    void destroyCancelsTheTimer() {
        timers.cancel(ID);
        assertThat(executor.getQueue()).allMatch(t -> ((java.util.concurrent.Future<?>) t).isCancelled());
        assertThat(timers.size()).isZero();
    }
}
