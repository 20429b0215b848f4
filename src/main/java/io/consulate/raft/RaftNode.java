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
 * <p>Writes are submitted to the local Ratis server in-process (no client round trip). This issue runs
 * a single peer; multi-server clusters reuse the same group layout.
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
     */
    public record Options(boolean inMemory, Path storageDir, String host, int port, String peerId,
                          String datacenter, long snapshotThreshold) {}

    private final RaftServer server;
    private final RaftGroup group;
    private final RaftPeer self;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Path deleteOnClose;

    private RaftNode(RaftServer server, RaftGroup group, RaftPeer self, Path deleteOnClose) {
        this.server = server;
        this.group = group;
        this.self = self;
        this.deleteOnClose = deleteOnClose;
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
        RaftGroup group = RaftGroup.valueOf(groupId, peer);
        boolean existing = Files.isDirectory(dir.resolve(groupId.getUuid().toString()));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(id)
                .setGroup(group)
                .setStateMachine(new ConsulStateMachine(store))
                .setProperties(properties(o, dir))
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return new RaftNode(server, group, peer, temp);
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
        return p;
    }

    /** Proposes a command; completes when it is committed and applied, with its index and result. */
    public CompletableFuture<ApplyResult> apply(Command command) {
        return submit(RaftClientRequest.writeRequestType(), Message.valueOf(ByteString.copyFrom(CommandCodec.encode(command))))
                .thenApply(reply -> new ApplyResult(reply.getLogIndex(), ApplyResult.decode(reply.getMessage().getContent())));
    }

    /** Completes once this member has applied everything committed before the call (a ReadIndex). */
    public CompletableFuture<Void> readBarrier() {
        return submit(RaftClientRequest.readRequestType(), Message.EMPTY).thenApply(r -> null);
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
            return server.submitClientRequestAsync(request).thenApply(reply -> {
                if (!reply.isSuccess()) {
                    throw new RaftUnavailableException(reply.getException() == null
                            ? "raft request failed" : reply.getException().getMessage());
                }
                return reply;
            });
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new RaftUnavailableException(e.getMessage()));
        }
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
        try {
            RaftPeerId leader = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
            if (leader == null) {
                return "";
            }
            RaftPeer peer = group.getPeer(leader);
            return peer == null ? "" : peer.getAddress();
        } catch (IOException e) {
            return "";
        }
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
        server.close();
        if (deleteOnClose != null) {
            try (var paths = Files.walk(deleteOnClose)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // best effort: a temp dir
            }
        }
    }
}
