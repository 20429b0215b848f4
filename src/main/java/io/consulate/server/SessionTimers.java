package io.consulate.server;

import io.consulate.agent.config.Durations;
import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Session;
import io.consulate.state.SessionStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duty: one timer per session with a TTL, set to {@value #TTL_MULTIPLIER} x TTL (Consul's grace:
 * clients renew at TTL/2 or so, and the session survives one missed renewal). Create and renew move the
 * session's deadline; when its timer fires the leader proposes {@link Command.SessionDestroy}, so every
 * server invalidates the same session at the same index.
 *
 * <p>A renewal only writes the new deadline: the timer already scheduled, when it fires early, re-arms
 * itself for the time left. So renewing costs a map write, and a busy session keeps one scheduled task,
 * not one cancelled task per renewal until its old delay passes.
 *
 * <p>Timers are leader memory, not replicated state: when this server becomes leader it starts a fresh
 * full-length timer for every session in the store (a session can only live longer across a leader
 * change, never shorter), and when it stops leading it cancels them all.
 */
public final class SessionTimers implements AutoCloseable {
    /** Consul's SessionTTLMultiplier. */
    public static final int TTL_MULTIPLIER = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SessionTimers.class);

    private final RaftNode raft;
    private final SessionStore sessions;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> deadlines = new ConcurrentHashMap<>();
    private volatile boolean leading;

    SessionTimers(RaftNode raft, SessionStore sessions, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this.raft = raft;
        this.sessions = sessions;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    /** Starts the timers and the leadership watch (checked every {@code leaderPoll}). */
    public static SessionTimers start(RaftNode raft, SessionStore sessions, Duration leaderPoll) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "consulate-session-timers");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        SessionTimers timers = new SessionTimers(raft, sessions, timer, System::nanoTime);
        sessions.onCreated(timers::reset);
        timer.scheduleWithFixedDelay(timers::checkLeadership, 0, leaderPoll.toMillis(), TimeUnit.MILLISECONDS);
        return timers;
    }

    /** Moves the session's deadline to a full grace from now; sessions without a TTL have none. */
    public void reset(Session s) {
        Duration ttl = ttlOf(s);
        if (ttl == null || !leading) {
            return;
        }
        String id = s.id();
        long grace = ttl.toNanos() * TTL_MULTIPLIER;
        deadlines.put(id, nanoTime.getAsLong() + grace);
        timers.computeIfAbsent(id, k -> timer.schedule(() -> fire(k), grace, TimeUnit.NANOSECONDS));
    }

    /** Forgets the session's timer (it was destroyed). */
    public void cancel(String id) {
        deadlines.remove(id);
        ScheduledFuture<?> old = timers.remove(id);
        if (old != null) {
            old.cancel(false);
        }
    }

    /** Sessions with a running timer (tests and metrics). */
    public int size() {
        return timers.size();
    }

    void checkLeadership() {
        boolean now = raft.isLeaderReady();
        if (now && !leading) {
            leading = true;
            sessions.list(null).value().forEach(this::reset);
            LOG.debug("leading: {} session timers started", timers.size());
        } else if (!now && leading) {
            leading = false;
            timers.keySet().forEach(this::cancel);
        }
    }

    /** The timer fired: re-arm for the time left if the session was renewed meanwhile, else expire it. */
    private void fire(String id) {
        Long deadline = deadlines.get(id);
        long left = deadline == null ? 0 : deadline - nanoTime.getAsLong();
        if (left > 0 && leading) {
            timers.put(id, timer.schedule(() -> fire(id), left, TimeUnit.NANOSECONDS));
            return;
        }
        timers.remove(id);
        deadlines.remove(id);
        if (!leading || deadline == null || sessions.get(id) == null) {
            return;
        }
        LOG.debug("session {} expired: TTL passed twice without renewal", id);
        raft.apply(new Command.SessionDestroy(id)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("could not invalidate expired session {}: {}", id, e.toString());
            }
        });
    }

    /** Tasks waiting in the timer's queue (the leadership poll included): tests check nothing piles up. */
    int scheduledTasks() {
        return ((ScheduledThreadPoolExecutor) timer).getQueue().size();
    }

    /** The TTL of a session, or null when it has none (validated at create, so it parses). */
    static Duration ttlOf(Session s) {
        if (s.ttl().isEmpty()) {
            return null;
        }
        Duration d = Durations.parseGo(s.ttl());
        return d.isZero() || d.isNegative() ? null : d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
