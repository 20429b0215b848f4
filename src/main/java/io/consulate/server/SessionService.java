package io.consulate.server;

import io.consulate.agent.config.Durations;
import io.consulate.api.SessionCreateRequest;
import io.consulate.http.HttpError;
import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.Indexed;
import io.consulate.state.Session;
import io.consulate.state.SessionStore;
import io.consulate.state.WatchSet;
import io.consulate.text.Echo;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The session capability: validates a create against Consul's rules and the catalog, generates the ID
 * (on the leader, before the command enters the log, so apply is deterministic), proposes it, and keeps
 * the leader's TTL timers in step with creates, renewals and destroys.
 */
public final class SessionService {
    /** Consul's default lock-delay. */
    public static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(15);
    /** Longest lock-delay; longer requests are capped to it. */
    public static final Duration MAX_LOCK_DELAY = Duration.ofSeconds(60);
    /** Longest session TTL. */
    public static final Duration MAX_TTL = Duration.ofHours(24);

    private final RaftNode raft;
    private final SessionStore sessions;
    private final SessionTimers timers;
    private final String agentNode;
    private final Duration ttlMin;

    public SessionService(RaftNode raft, SessionStore sessions, SessionTimers timers, String agentNode,
                          Duration ttlMin) {
        this.raft = raft;
        this.sessions = sessions;
        this.timers = timers;
        this.agentNode = agentNode;
        this.ttlMin = ttlMin;
        raft.onLeaderQuery(this::renewOnLeader);
    }

    /** Creates a session and answers its ID. */
    public CompletableFuture<String> create(SessionCreateRequest r) {
        return raft.leaderView().thenCompose(v -> propose(validate(r)));
    }

    private CompletableFuture<String> propose(Session s) {
        return raft.apply(new Command.SessionCreate(s)).thenApply(res -> {
            if (!res.ok()) {
                String why = sessions.createError(s.node(), s.allChecks());
                throw HttpError.badRequest(why != null ? why : "Session create failed");
            }
            return s.id(); // the leader's timer started when the entry was applied (SessionStore.onCreated)
        });
    }

    /** Invalidates a session; unknown IDs succeed too (idempotent). */
    public CompletableFuture<Boolean> destroy(String id) {
        requireUuid(id);
        timers.cancel(id);
        if (sessions.get(id) == null) {
            return CompletableFuture.completedFuture(true);
        }
        return raft.apply(new Command.SessionDestroy(id)).thenApply(res -> true);
    }

    /**
     * Resets the session's TTL timer; 404 when it does not exist (unknown or already expired). The timers
     * live on the leader, so a follower asks the leader to reset it, as Consul forwards the renew RPC.
     */
    public CompletableFuture<Session> renew(String id) {
        requireUuid(id);
        if (raft.isLeaderReady()) {
            return CompletableFuture.completedFuture(renewed(id, renewHere(id)));
        }
        // RENEWED means the leader has the session; read it once this server has caught up to the leader.
        return raft.askLeader(RenewQuery.request(id)).thenCompose(answer -> {
            RenewQuery.Answer a = RenewQuery.answer(answer);
            CompletableFuture<Void> caughtUp = a == RenewQuery.Answer.RENEWED
                    ? raft.readBarrier() : CompletableFuture.completedFuture(null);
            return caughtUp.thenApply(v -> renewed(id, a));
        });
    }

    /** The leader's side of a renew forwarded by a follower. */
    private byte[] renewOnLeader(byte[] request) {
        String id = RenewQuery.id(request);
        return RenewQuery.reply(id == null ? RenewQuery.Answer.NOT_LEADER : renewHere(id));
    }

    /** Resets the session's timer if this server leads and has it. */
    private RenewQuery.Answer renewHere(String id) {
        if (!raft.isLeaderReady()) {
            return RenewQuery.Answer.NOT_LEADER;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return RenewQuery.Answer.NOT_FOUND;
        }
        timers.reset(s);
        return RenewQuery.Answer.RENEWED;
    }

    /** The renew's answer to the client: the session, Consul's 404, or Consul's 500 without a leader. */
    private Session renewed(String id, RenewQuery.Answer a) {
        if (a == RenewQuery.Answer.NOT_LEADER) {
            throw new HttpError(500, "No cluster leader");
        }
        Session s = a == RenewQuery.Answer.RENEWED ? sessions.get(id) : null;
        if (s == null) {
            throw notFound(id);
        }
        return s;
    }

    private static HttpError notFound(String id) {
        return HttpError.notFound("Session id '" + id + "' not found");
    }

    public Indexed<List<Session>> info(String id, WatchSet ws) {
        Indexed<Session> one = sessions.info(id, ws);
        return new Indexed<>(one.index(), one.value() == null ? List.of() : List.of(one.value()));
    }

    public Indexed<List<Session>> list(WatchSet ws) {
        return sessions.list(ws);
    }

    public Indexed<List<Session>> onNode(String node, WatchSet ws) {
        return sessions.onNode(node, ws);
    }

    private Session validate(SessionCreateRequest r) {
        String behavior = r.behavior() == null || r.behavior().isEmpty() ? Session.RELEASE : r.behavior();
        if (!behavior.equals(Session.RELEASE) && !behavior.equals(Session.DELETE)) {
            throw HttpError.badRequest("Invalid Behavior setting '" + Echo.abbreviate(behavior) + "'");
        }
        validateTtl(r.ttl());
        long lockDelay = r.lockDelay() == null ? DEFAULT_LOCK_DELAY.toNanos()
                : Math.min(r.lockDelay(), MAX_LOCK_DELAY.toNanos());
        String node = r.node() == null ? agentNode : r.node();
        List<String> nodeChecks = r.nodeChecks() == null ? List.of("serfHealth") : r.nodeChecks();
        Session s = new Session(newId(), r.name(), node, nodeChecks, r.serviceChecks(), lockDelay, behavior, r.ttl(),
                0, 0);
        String why = sessions.createError(node, s.allChecks());
        if (why != null) {
            throw HttpError.badRequest(why);
        }
        return s;
    }

    private void validateTtl(String ttl) {
        if (ttl.isEmpty()) {
            return;
        }
        Duration d;
        try {
            d = Durations.parseGo(ttl);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Session TTL '" + Echo.abbreviate(ttl) + "' invalid: "
                    + Echo.abbreviate(e.getMessage()));
        }
        if (!d.isZero() && (d.compareTo(ttlMin) < 0 || d.compareTo(MAX_TTL) > 0)) {
            throw HttpError.badRequest("Invalid Session TTL '" + Echo.abbreviate(ttl) + "', must be between ["
                    + Durations.formatGo(ttlMin) + "=" + Durations.formatGo(MAX_TTL) + "]");
        }
    }

    private String newId() {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (sessions.get(id) != null);
        return id;
    }

    static void requireUuid(String id) {
        if (!isUuid(id)) {
            throw HttpError.badRequest("Session ID must be a valid UUID");
        }
    }

    static boolean isUuid(String id) {
        return id != null && id.length() == 36
                && id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
