package io.consulate.raft;

import static io.consulate.raft.CommandCodec.JSON;
import static io.consulate.raft.CommandCodec.readBytes;
import static io.consulate.raft.CommandCodec.readRaw;
import static io.consulate.raft.CommandCodec.readString;
import static io.consulate.raft.CommandCodec.writeBytes;
import static io.consulate.raft.CommandCodec.writeString;

import io.consulate.state.Bytes;
import io.consulate.state.KvEntry;
import io.consulate.state.TxnOp;
import io.consulate.state.TxnOutcome;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoding of a transaction's operations inside {@link Command.Txn} (a format byte, a count, then one
 * kind byte and its fields per operation), and of its outcome as the apply reply. KV operations are
 * binary; catalog rows travel as JSON, whose field names are their stable contract (as in CommandCodec).
 */
final class TxnCodec {
    static final int FORMAT = 1;
    /** First byte of an encoded outcome; boolean replies are exactly one byte, outcomes always longer. */
    private static final int OUTCOME = 2;
    private static final int KV = 1;
    private static final int NODE = 2;
    private static final int SERVICE = 3;
    private static final int CHECK = 4;

    private TxnCodec() {}

    static void writeOps(DataOutputStream out, List<TxnOp> ops) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(ops.size());
        for (TxnOp op : ops) {
            switch (op) {
                case TxnOp.Kv k -> {
                    out.writeByte(KV);
                    writeString(out, k.verb());
                    writeString(out, k.key());
                    writeBytes(out, k.value());
                    out.writeLong(k.flags());
                    out.writeLong(k.index());
                    writeString(out, k.session());
                }
                case TxnOp.NodeOp n -> writeJson(out, NODE, n.verb(), n.node());
                case TxnOp.ServiceOp s -> writeJson(out, SERVICE, s.verb(), s.service());
                case TxnOp.CheckOp c -> writeJson(out, CHECK, c.verb(), c.check());
            }
        }
    }

    static List<TxnOp> readOps(DataInputStream in) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("unknown txn format " + format);
        }
        int n = count(in);
        List<TxnOp> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = in.readUnsignedByte();
            String verb = readString(in);
            ops.add(switch (kind) {
                case KV -> new TxnOp.Kv(verb, readString(in), readBytes(in), in.readLong(), in.readLong(),
                        readString(in));
                case NODE -> new TxnOp.NodeOp(verb, JSON.readValue(readRaw(in), Node.class));
                case SERVICE -> new TxnOp.ServiceOp(verb, JSON.readValue(readRaw(in), Service.class));
                case CHECK -> new TxnOp.CheckOp(verb, JSON.readValue(readRaw(in), Check.class));
                default -> throw new IOException("unknown txn op kind " + kind);
            });
        }
        return ops;
    }

    static byte[] encodeOutcome(TxnOutcome o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(OUTCOME);
            out.writeByte(FORMAT);
            out.writeInt(o.results().size());
            for (TxnOutcome.Result r : o.results()) {
                writeResult(out, r);
            }
            out.writeInt(o.errors().size());
            for (TxnOutcome.Error e : o.errors()) {
                out.writeInt(e.opIndex());
                writeString(out, e.what());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TxnOutcome decodeOutcome(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readUnsignedByte() != OUTCOME || in.readUnsignedByte() != FORMAT) {
                throw new IOException("not a txn outcome");
            }
            int n = count(in);
            List<TxnOutcome.Result> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                results.add(readResult(in));
            }
            int m = count(in);
            List<TxnOutcome.Error> errors = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                errors.add(new TxnOutcome.Error(in.readInt(), readString(in)));
            }
            return new TxnOutcome(results, errors);
        } catch (IOException e) {
            throw new IllegalStateException("undecodable txn outcome", e);
        }
    }

    private static void writeResult(DataOutputStream out, TxnOutcome.Result r) throws IOException {
        if (r.kv() != null) {
            KvEntry e = r.kv();
            out.writeByte(KV);
            writeString(out, e.key());
            out.writeLong(e.flags());
            out.writeBoolean(e.value() != null);
            writeBytes(out, e.value());
            out.writeLong(e.lockIndex());
            out.writeBoolean(e.session() != null);
            writeString(out, e.session() == null ? "" : e.session());
            out.writeLong(e.createIndex());
            out.writeLong(e.modifyIndex());
        } else if (r.node() != null) {
            writeJson(out, NODE, "", r.node());
        } else if (r.service() != null) {
            writeJson(out, SERVICE, "", r.service());
        } else {
            writeJson(out, CHECK, "", r.check());
        }
    }

    private static TxnOutcome.Result readResult(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind == KV) {
            String key = readString(in);
            long flags = in.readLong();
            boolean hasValue = in.readBoolean();
            Bytes value = readBytes(in);
            long lockIndex = in.readLong();
            boolean held = in.readBoolean();
            String session = readString(in);
            return TxnOutcome.Result.of(new KvEntry(key, flags, hasValue ? value : null, lockIndex,
                    held ? session : null, in.readLong(), in.readLong()));
        }
        readString(in);
        return switch (kind) {
            case NODE -> TxnOutcome.Result.of(JSON.readValue(readRaw(in), Node.class));
            case SERVICE -> TxnOutcome.Result.of(JSON.readValue(readRaw(in), Service.class));
            case CHECK -> TxnOutcome.Result.of(JSON.readValue(readRaw(in), Check.class));
            default -> throw new IOException("unknown txn result kind " + kind);
        };
    }

    private static void writeJson(DataOutputStream out, int kind, String verb, Object row) throws IOException {
        out.writeByte(kind);
        writeString(out, verb);
        writeBytes(out, Bytes.wrapUnsafe(JSON.writeValueAsBytes(row)));
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
