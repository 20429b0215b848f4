package io.consulate.testing;

import io.consulate.raft.RaftNode;
import io.consulate.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Raft servers in one JVM, each with its own store, on 127.0.0.1, 127.0.0.2, ... (one loopback
 * "host" per server), forming one group. {@code close()} stops those still running.
 */
public final class TestCluster implements AutoCloseable {
    /** One server: its store and Raft member; {@code raft} is null once stopped. */
    public static final class Server {
        public final StateStore store = new StateStore();
        public final RaftNode.Peer peer;
        public RaftNode raft;

        Server(RaftNode.Peer peer) {
            this.peer = peer;
        }
    }

    private final List<Server> servers = new ArrayList<>();

    private TestCluster() {
    }

    /** Starts {@code n} in-memory servers and waits for one to lead. */
    public static TestCluster start(int n) throws Exception {
        TestCluster c = new TestCluster();
        List<RaftNode.Peer> peers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            peers.add(new RaftNode.Peer("server-" + i, "127.0.0." + i + ":" + TestAgent.freePort()));
        }
        try {
            for (RaftNode.Peer p : peers) {
                Server s = new Server(p);
                String[] hostPort = p.address().split(":");
                s.raft = RaftNode.start(new RaftNode.Options(true, null, hostPort[0], Integer.parseInt(hostPort[1]),
                        p.id(), "dc1", 8192, peers), s.store);
                c.servers.add(s);
            }
            c.awaitLeader(Duration.ofSeconds(20));
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    public List<Server> servers() {
        return servers;
    }

    /** Waits until a running server is a ready leader and answers it. */
    public Server awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Server s : servers) {
                if (s.raft != null && s.raft.isLeaderReady()) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    /** The running servers that do not lead right now. */
    public List<Server> followers() {
        return servers.stream().filter(s -> s.raft != null && !s.raft.isLeaderReady()).toList();
    }

    /** Stops one server (its store stays readable). */
    public void stop(Server s) throws Exception {
        if (s.raft != null) {
            s.raft.close();
            s.raft = null;
        }
    }

    @Override
    public void close() throws Exception {
        for (Server s : servers) {
            stop(s);
        }
    }
}
