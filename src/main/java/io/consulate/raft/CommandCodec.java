package io.consulate.raft;

import io.consulate.state.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The stable binary encoding of {@link Command}: a format version byte, a type tag byte, then the
 * fields. Tags are never reused; a new kind of command gets a new tag, a changed one a new version.
 */
public final class CommandCodec {
    static final int VERSION = 1;
    private static final int KV_SET = 1;
    private static final int KV_CAS = 2;
    private static final int KV_DELETE = 3;
    private static final int KV_DELETE_CAS = 4;
    private static final int KV_DELETE_TREE = 5;
    private static final int TOMBSTONE_REAP = 6;
    private static final int CATALOG_REGISTER = 7;
    private static final int CATALOG_DEREGISTER = 8;
    private static final int SESSION_CREATE = 9;
    private static final int SESSION_DESTROY = 10;
    private static final int KV_LOCK = 11;
    private static final int KV_UNLOCK = 12;
    /** Tag 20: transactions (their op list carries its own format version, see {@link TxnCodec}). */
    private static final int TXN = 20;
    /** Catalog records travel as JSON inside the binary frame: their field names are the stable contract. */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private CommandCodec() {}

    public static byte[] encode(Command command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            switch (command) {
                case Command.KvSet c -> {
                    out.writeByte(KV_SET);
                    writeString(out, c.key());
                    writeBytes(out, c.value());
                    out.writeLong(c.flags());
                }
                case Command.KvCas c -> {
                    out.writeByte(KV_CAS);
                    writeString(out, c.key());
                    writeBytes(out, c.value());
                    out.writeLong(c.flags());
                    out.writeLong(c.cas());
                }
                case Command.KvDelete c -> {
                    out.writeByte(KV_DELETE);
                    writeString(out, c.key());
                }
                case Command.KvDeleteCas c -> {
                    out.writeByte(KV_DELETE_CAS);
                    writeString(out, c.key());
                    out.writeLong(c.cas());
                }
                case Command.KvDeleteTree c -> {
                    out.writeByte(KV_DELETE_TREE);
                    writeString(out, c.prefix());
                }
                case Command.TombstoneReap c -> {
                    out.writeByte(TOMBSTONE_REAP);
                    out.writeLong(c.upToIndex());
                }
                case Command.CatalogRegister c -> {
                    out.writeByte(CATALOG_REGISTER);
                    writeBytes(out, Bytes.wrapUnsafe(JSON.writeValueAsBytes(c.registration())));
                }
                case Command.CatalogDeregister c -> {
                    out.writeByte(CATALOG_DEREGISTER);
                    writeString(out, c.node());
                    writeString(out, c.serviceId());
                    writeString(out, c.checkId());
                }
                case Command.SessionCreate c -> {
                    out.writeByte(SESSION_CREATE);
                    writeBytes(out, Bytes.wrapUnsafe(JSON.writeValueAsBytes(c.session())));
                }
                case Command.SessionDestroy c -> {
                    out.writeByte(SESSION_DESTROY);
                    writeString(out, c.id());
                }
                case Command.KvLock c -> writeLock(out, KV_LOCK, c.key(), c.value(), c.flags(), c.session());
                case Command.KvUnlock c -> writeLock(out, KV_UNLOCK, c.key(), c.value(), c.flags(), c.session());
                case Command.Txn c -> {
                    out.writeByte(TXN);
                    TxnCodec.writeOps(out, c.ops());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a committed entry. A failure here is a bug or corruption, never user error. */
    public static Command decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown command version " + version);
            }
            int tag = in.readUnsignedByte();
            return switch (tag) {
                case KV_SET -> new Command.KvSet(readString(in), readBytes(in), in.readLong());
                case KV_CAS -> new Command.KvCas(readString(in), readBytes(in), in.readLong(), in.readLong());
                case KV_DELETE -> new Command.KvDelete(readString(in));
                case KV_DELETE_CAS -> new Command.KvDeleteCas(readString(in), in.readLong());
                case KV_DELETE_TREE -> new Command.KvDeleteTree(readString(in));
                case TOMBSTONE_REAP -> new Command.TombstoneReap(in.readLong());
                case CATALOG_REGISTER -> new Command.CatalogRegister(
                        JSON.readValue(readRaw(in), io.consulate.state.catalog.Registration.class));
                case CATALOG_DEREGISTER -> new Command.CatalogDeregister(readString(in), readString(in), readString(in));
                case SESSION_CREATE -> new Command.SessionCreate(
                        JSON.readValue(readRaw(in), io.consulate.state.Session.class));
                case SESSION_DESTROY -> new Command.SessionDestroy(readString(in));
                case KV_LOCK -> new Command.KvLock(readString(in), readBytes(in), in.readLong(), readString(in));
                case KV_UNLOCK -> new Command.KvUnlock(readString(in), readBytes(in), in.readLong(), readString(in));
                case TXN -> new Command.Txn(TxnCodec.readOps(in));
                default -> throw new IllegalStateException("unknown command tag " + tag);
            };
        } catch (IOException e) {
            throw new IllegalStateException("undecodable command", e);
        }
    }

    private static void writeLock(DataOutputStream out, int tag, String key, Bytes value, long flags, String session)
            throws IOException {
        out.writeByte(tag);
        writeString(out, key);
        writeBytes(out, value);
        out.writeLong(flags);
        writeString(out, session);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readRaw(in), StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, Bytes b) throws IOException {
        byte[] raw = b == null ? new byte[0] : b.unsafeArray();
        out.writeInt(raw.length);
        out.write(raw);
    }

    static Bytes readBytes(DataInputStream in) throws IOException {
        return Bytes.wrapUnsafe(readRaw(in));
    }

    static byte[] readRaw(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
            throw new IOException("bad field length " + len);
        }
        return in.readNBytes(len);
    }
}
