package io.consulate.raft;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/**
 * How a follower reaches the leader: a Ratis client over the group, created on first use. Writes made on
 * a follower are proposed through it (Consul forwards them to the leader the same way), and so are
 * queries only the leader can answer.
 *
 * <p>Writes retry for about {@link #GIVE_UP_MS} ms across a leader change, then fail, so an HTTP request
 * during an election gets Consul's 500 rather than hanging. Queries retry only briefly: they are cheap
 * to repeat (a session renewal comes again within its TTL), and one aimed at a leader that just died
 * must not hold its caller for the whole election.
 */
final class LeaderClient implements AutoCloseable {
    static final long GIVE_UP_MS = 7_000;
    private static final long QUERY_GIVE_UP_MS = 500;
    private static final long RETRY_SLEEP_MS = 100;

    private final RaftGroup group;
    private RaftClient writes;
    private RaftClient queries;
    private boolean closed;

    LeaderClient(RaftGroup group) {
        this.group = group;
    }

    /** Proposes a write through the leader; completes when the leader has applied it. */
    CompletableFuture<RaftClientReply> send(Message message) {
        return writes().async().send(message);
    }

    /** A linearizable read-only request answered by {@code server}'s state machine. */
    CompletableFuture<RaftClientReply> query(Message message, RaftPeerId server) {
        return queries().async().sendReadOnlyUnordered(message, server);
    }

    private synchronized RaftClient writes() {
        if (writes == null) {
            writes = build(GIVE_UP_MS, 3);
        }
        return writes;
    }

    private synchronized RaftClient queries() {
        if (queries == null) {
            queries = build(QUERY_GIVE_UP_MS, 2);
        }
        return queries;
    }

    private RaftClient build(long giveUpMs, int requestTimeoutSeconds) {
        if (closed) {
            throw new RaftUnavailableException("server is shutting down");
        }
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(requestTimeoutSeconds, TimeUnit.SECONDS));
        return RaftClient.newBuilder()
                .setRaftGroup(group)
                .setProperties(p)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) (giveUpMs / RETRY_SLEEP_MS), TimeDuration.valueOf(RETRY_SLEEP_MS, TimeUnit.MILLISECONDS)))
                .build();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (writes != null) {
            writes.close();
        }
        if (queries != null) {
            queries.close();
        }
    }
}
