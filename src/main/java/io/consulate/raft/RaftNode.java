package io.consulate.raft;

import io.consulate.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One Consulate server's Raft member: runs Apache Ratis (gRPC transport) with the
 * {@link ConsulStateMachine}, and is the only way to change the {@link StateStore}.
 *
 * <p>On the leader, writes are submitted to the local Ratis server in-process (no client round trip). On a
 * follower they are forwarded to the leader ({@link LeaderClient}), and the answer waits until this
 * server has applied the entry too, so the caller's next local read sees its own write. Reads that need
 * the leader's view ({@link #readBarrier}) use a ReadIndex on the leader; a follower asks the leader for
 * the index it has applied after that ReadIndex and waits until it has applied as much.
 */
public final class RaftNode implements AutoCloseable {
    /**
     * How to run the member.
     *
     * @param inMemory    dev mode: nothing is kept. The log goes to a temporary directory deleted on close, and
     *                    entries count as durable before their fsync (Ratis's in-memory log never commits
     *                    on a lone peer, so a throwaway on-disk log stands in for it)
     * @param storageDir  where the Raft log, metadata and snapshots live
     * @param host        address peers use to reach this member
     * @param port        Raft RPC port (Consul's server port); 0 picks a free one
     * @param peerId      stable identity of this member
     * @param datacenter  the group is derived from it, so a data dir belongs to one datacenter
     * @param snapshotThreshold log entries between automatic snapshots
     * @param peers       every voting server, this one included; empty for a one-server cluster
     */
    public record Options(boolean inMemory, Path storageDir, String host, int port, String peerId,
                          String datacenter, long snapshotThreshold, List<Peer> peers) {
        public Options {
            peers = List.copyOf(peers);
        }

        /** A one-server cluster. */
        public Options(boolean inMemory, Path storageDir, String host, int port, String peerId,
                       String datacenter, long snapshotThreshold) {
            this(inMemory, storageDir, host, port, peerId, datacenter, snapshotThreshold, List.of());
        }
    }

    /** A voting server: its stable Raft ID and its RPC address ("host:port"). */
    public record Peer(String id, String address) {}

    private final RaftServer server;
    private final RaftGroup group;
    private final RaftPeer self;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Path deleteOnClose;
    private final ConsulStateMachine stateMachine;
    private final LeaderClient leaderClient;

    private RaftNode(RaftServer server, RaftGroup group, RaftPeer self, Path deleteOnClose,
                     ConsulStateMachine stateMachine) {
        this.server = server;
        this.group = group;
        this.self = self;
        this.deleteOnClose = deleteOnClose;
        this.stateMachine = stateMachine;
        this.leaderClient = new LeaderClient(group);
    }

    /** Starts the member, recovering its log and latest snapshot from {@code storageDir} if present. */
    public static RaftNode start(Options o, StateStore store) throws IOException {
        Path dir = o.storageDir();
        Path temp = null;
        if (dir == null) {
            temp = Files.createTempDirectory("consulate-raft");
            dir = temp;
        }
        Files.createDirectories(dir);
        RaftPeerId id = RaftPeerId.valueOf(o.peerId());
        RaftPeer peer = RaftPeer.newBuilder().setId(id).setAddress(o.host() + ":" + o.port()).build();
        RaftGroupId groupId = RaftGroupId.valueOf(
                UUID.nameUUIDFromBytes(("consulate/" + o.datacenter()).getBytes(StandardCharsets.UTF_8)));
        RaftGroup group = RaftGroup.valueOf(groupId, groupPeers(o, peer));
        boolean existing = Files.isDirectory(dir.resolve(groupId.getUuid().toString()));
        ConsulStateMachine stateMachine = new ConsulStateMachine(store);
        RaftServer server = RaftServer.newBuilder()
                .setServerId(id)
                .setGroup(group)
                .setStateMachine(stateMachine)
                .setProperties(properties(o, dir))
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return new RaftNode(server, group, peer, temp, stateMachine);
    }

    private static List<RaftPeer> groupPeers(Options o, RaftPeer self) {
        if (o.peers().isEmpty()) {
            return List.of(self);
        }
        if (o.peers().stream().noneMatch(p -> p.id().equals(o.peerId()))) {
            throw new IllegalArgumentException("the peer list does not include this server (" + o.peerId() + ")");
        }
        return o.peers().stream()
                .map(p -> p.id().equals(o.peerId()) ? self
                        : RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build())
                .toList();
    }

    private static RaftProperties properties(Options o, Path dir) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        GrpcConfigKeys.Server.setHost(p, o.host());
        GrpcConfigKeys.Server.setPort(p, o.port());
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, o.inMemory());
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("32MB"));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, !o.inMemory());
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, o.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // A lone peer elects itself after one timeout: keep the first one short so the API is ready fast.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(50, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
        // ReadIndex for every read request: the leader confirms with a heartbeat round that it still leads.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        return p;
    }

    /** Proposes a command; completes when it is committed and applied, with its index and result. */
    public CompletableFuture<ApplyResult> apply(Command command) {
        Message message = Message.valueOf(ByteString.copyFrom(CommandCodec.encode(command)));
        if (isLeader()) {
            return submit(RaftClientRequest.writeRequestType(), message).thenApply(RaftNode::result);
        }
        return checked(leaderClient.send(message))
                .thenCompose(reply -> stateMachine.applied().await(reply.getLogIndex()).thenApply(v -> result(reply)));
    }

    private static ApplyResult result(RaftClientReply reply) {
        return new ApplyResult(reply.getLogIndex(), ApplyResult.decode(reply.getMessage().getContent()));
    }

    /**
     * Sends {@code request} to the current leader's {@link #onLeaderQuery handler} after a ReadIndex there
     * (so it is answered by a server that still leads), and completes with the handler's answer.
     */
    public CompletableFuture<byte[]> askLeader(byte[] request) {
        RaftPeerId leader = leaderId();
        if (leader == null) {
            return CompletableFuture.failedFuture(new RaftUnavailableException("No cluster leader"));
        }
        Message message = Message.valueOf(ByteString.copyFrom(request));
        CompletableFuture<RaftClientReply> reply = leader.equals(self.getId())
                ? submit(RaftClientRequest.readRequestType(), message)
                : checked(leaderClient.query(message, leader));
        return reply.thenApply(r -> r.getMessage().getContent().toByteArray());
    }

    /** Answers {@link #askLeader} requests when this server leads; requests are never empty. */
    public void onLeaderQuery(UnaryOperator<byte[]> handler) {
        stateMachine.leaderQueries(handler);
    }

    /**
     * Completes once this member has applied everything committed before the call (a ReadIndex). A
     * follower asks the leader, through the retrying client, for the index it has applied after its own
     * ReadIndex, and waits to apply up to it.
     */
    public CompletableFuture<Void> readBarrier() {
        if (isLeader()) {
            return submit(RaftClientRequest.readRequestType(), Message.EMPTY).thenApply(r -> null);
        }
        return checked(leaderClient.query(Message.EMPTY, null))
                .thenCompose(r -> stateMachine.applied().await(r.getMessage().getContent().asReadOnlyByteBuffer().getLong()));
    }

    private CompletableFuture<RaftClientReply> submit(RaftClientRequest.Type type, Message message) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(self.getId())
                .setGroupId(group.getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
        try {
            return checked(server.submitClientRequestAsync(request));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new RaftUnavailableException(e.getMessage()));
        }
    }

    private static CompletableFuture<RaftClientReply> checked(CompletableFuture<RaftClientReply> reply) {
        return reply.handle((r, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                throw cause instanceof RaftUnavailableException u ? u : new RaftUnavailableException(cause.toString());
            }
            if (!r.isSuccess()) {
                throw new RaftUnavailableException(r.getException() == null
                        ? "raft request failed" : r.getException().getMessage());
            }
            return r;
        });
    }

    /** True when this member leads (it may not have committed in its term yet). */
    private boolean isLeader() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().isLeader();
        } catch (IOException e) {
            return false;
        }
    }

    private RaftPeerId leaderId() {
        try {
            return server.getDivision(group.getGroupId()).getInfo().getLeaderId();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Completes at once on the leader; on a follower after a ReadIndex. Checks a follower makes on its
     * own store before proposing (the session exists, the key is not under lock-delay) then see what the
     * leader had committed, as they would on the leader Consul forwards the request to.
     */
    public CompletableFuture<Void> leaderView() {
        return isLeaderReady() ? CompletableFuture.completedFuture(null) : readBarrier();
    }

    /** True when this member leads and has committed an entry in its term (safe to serve as leader). */
    public boolean isLeaderReady() {
        try {
            var info = server.getDivision(group.getGroupId()).getInfo();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /** The leader's RPC address as Consul shows it ("127.0.0.1:8300"), or "" when none is known. */
    public String leaderAddress() {
        RaftPeerId leader = leaderId();
        RaftPeer peer = leader == null ? null : group.getPeer(leader);
        return peer == null ? "" : peer.getAddress();
    }

    /** This member's RPC address. */
    public String selfAddress() {
        return self.getAddress();
    }

    /** The voting members' RPC addresses. */
    public List<String> peers() {
        List<String> out = new ArrayList<>();
        for (RaftPeer p : group.getPeers()) {
            out.add(p.getAddress());
        }
        return out;
    }

    /** Waits until this member is a ready leader; false on timeout. */
    public boolean awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isLeaderReady()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        leaderClient.close();
        server.close();
        stateMachine.applied().close();
        if (deleteOnClose != null) {
            try (var paths = Files.walk(deleteOnClose)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // best effort: a temp dir
            }
        }
    }
}
