package io.consulate.raft;

import io.consulate.state.SnapshotCodec;
import io.consulate.state.StateStore;
import io.consulate.state.StoreImage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Raft state machine: decodes each committed entry into a {@link Command} and applies it to the
 * {@link StateStore} with the entry's index, which becomes the Consul index.
 *
 * <p>Ratis calls {@link #applyTransaction} from one thread in log order, and {@link #takeSnapshot} from
 * the same thread between applies, so a snapshot always matches the last applied index exactly.
 */
final class ConsulStateMachine extends BaseStateMachine {
    private final StateStore store;
    private final Applier applier;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AppliedIndex applied = new AppliedIndex();
    private volatile UnaryOperator<byte[]> leaderQueries = request -> new byte[0];

    ConsulStateMachine(StateStore store) {
        this.store = store;
        this.applier = new Applier(store);
    }

    AppliedIndex applied() {
        return applied;
    }

    void leaderQueries(UnaryOperator<byte[]> handler) {
        this.leaderQueries = handler;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(this::loadLatestSnapshot, IOException.class);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.STARTING);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        Object result = applier.apply(entry.getIndex(), CommandCodec.decode(data));
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        applied.advance(entry.getIndex());
        return CompletableFuture.completedFuture(ApplyResult.encode(result));
    }

    /** Entries that are not commands (configuration, Ratis metadata) count as applied too. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        applied.advance(index);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        // An empty request is a read barrier: Ratis runs it after a ReadIndex, and it answers the index
        // applied here, which a follower then waits to reach before reading its own store.
        if (request.getContent().isEmpty()) {
            long index = getLastAppliedTermIndex() == null ? 0 : getLastAppliedTermIndex().getIndex();
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(
                    ByteBuffer.allocate(Long.BYTES).putLong(0, index))));
        }
        byte[] answer = leaderQueries.apply(request.getContent().toByteArray());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = new File(file.getParentFile(), file.getName() + ".tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp);
             OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
            SnapshotCodec.write(store.image(), out);
            out.flush();
            fos.getFD().sync();
        }
        Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(file.getParentFile());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        MD5Hash expected = snapshot.getFile().getFileDigest();
        if (expected != null && !expected.equals(MD5FileUtil.computeMd5ForFile(file))) {
            throw new IOException("snapshot " + file + " fails its MD5 check; refusing to load it");
        }
        StoreImage image;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
            image = SnapshotCodec.read(in);
        }
        store.restore(image);
        setLastAppliedTermIndex(snapshot.getTermIndex());
        applied.advance(snapshot.getIndex());
    }

    private static void fsyncDirectory(File dir) {
        try (var ch = java.nio.channels.FileChannel.open(dir.toPath(), java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some filesystems refuse to open directories; the rename is still atomic there.
        }
    }
}
