package io.consulate.server;

import io.consulate.agent.config.Durations;
import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Session;
import io.consulate.state.SessionStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duty: one timer per session with a TTL, set to {@value #TTL_MULTIPLIER} x TTL (Consul's grace:
 * clients renew at TTL/2 or so, and the session survives one missed renewal). Create and renew reset the
 * timer; when it fires the leader proposes {@link Command.SessionDestroy}, so every server invalidates
 * the same session at the same index.
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
    private final ConcurrentHashMap<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private volatile boolean leading;

    SessionTimers(RaftNode raft, SessionStore sessions, ScheduledExecutorService timer) {
        this.raft = raft;
        this.sessions = sessions;
        this.timer = timer;
    }

    /** Starts the timers and the leadership watch (checked every {@code leaderPoll}). */
    public static SessionTimers start(RaftNode raft, SessionStore sessions, Duration leaderPoll) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consulate-session-timers");
            t.setDaemon(true);
            return t;
        });
        SessionTimers timers = new SessionTimers(raft, sessions, timer);
        timer.scheduleWithFixedDelay(timers::checkLeadership, 0, leaderPoll.toMillis(), TimeUnit.MILLISECONDS);
        return timers;
    }

    /** (Re)starts the session's timer at the full grace; sessions without a TTL have none. */
    public void reset(Session s) {
        Duration ttl = ttlOf(s);
        if (ttl == null || !leading) {
            return;
        }
        String id = s.id();
        ScheduledFuture<?> next = timer.schedule(() -> expire(id), ttl.toNanos() * TTL_MULTIPLIER, TimeUnit.NANOSECONDS);
        ScheduledFuture<?> old = timers.put(id, next);
        if (old != null) {
            old.cancel(false);
        }
    }

    /** Forgets the session's timer (it was destroyed). */
    public void cancel(String id) {
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

    private void expire(String id) {
        timers.remove(id);
        if (!leading || sessions.get(id) == null) {
            return;
        }
        LOG.debug("session {} expired: TTL passed twice without renewal", id);
        raft.apply(new Command.SessionDestroy(id)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("could not invalidate expired session {}: {}", id, e.toString());
            }
        });
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
