package io.consulate.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The binary snapshot format: {@code "CNSLSNAP"}, a format version, the tables, and a CRC32 of all of it.
 *
 * <p>A snapshot that fails its checksum or is cut short is refused with an {@link IOException}: it is
 * never half loaded.
 */
public final class SnapshotCodec {
    private static final byte[] MAGIC = "CNSLSNAP".getBytes(StandardCharsets.US_ASCII);
    /**
     * 1: KV only. 2: KV, then the catalog as a JSON document. 3: as 2, then the sessions table as a JSON
     * document. All are read.
     */
    private static final int VERSION = 3;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
    /** Guards allocations against a corrupt length field. */
    private static final int MAX_FIELD = 64 << 20;

    private SnapshotCodec() {}

    public static void write(StoreImage image, OutputStream raw) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(image.kvMaxIndex());
        out.writeInt(image.entries().size());
        for (KvEntry e : image.entries()) {
            writeString(out, e.key());
            out.writeLong(e.flags());
            writeBytes(out, e.value() == null ? null : e.value().unsafeArray());
            out.writeLong(e.lockIndex());
            writeString(out, e.session());
            out.writeLong(e.createIndex());
            out.writeLong(e.modifyIndex());
        }
        out.writeInt(image.tombstones().size());
        for (Map.Entry<String, Long> t : image.tombstones().entrySet()) {
            writeString(out, t.getKey());
            out.writeLong(t.getValue());
        }
        writeBytes(out, JSON.writeValueAsBytes(image.catalog()));
        writeBytes(out, JSON.writeValueAsBytes(image.sessions()));
        out.flush();
        new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        raw.flush();
    }

    public static StoreImage read(InputStream raw) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
        DataInputStream in = new DataInputStream(checked);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Consulate snapshot");
        }
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("unsupported snapshot version " + version);
        }
        long kvMax = in.readLong();
        int n = count(in.readInt());
        List<KvEntry> entries = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            String key = readString(in);
            long flags = in.readLong();
            byte[] value = readBytes(in);
            entries.add(new KvEntry(key, flags, value == null ? null : Bytes.wrapUnsafe(value), in.readLong(),
                    readString(in), in.readLong(), in.readLong()));
        }
        int nt = count(in.readInt());
        Map<String, Long> tombstones = new HashMap<>();
        for (int i = 0; i < nt; i++) {
            tombstones.put(readString(in), in.readLong());
        }
        io.consulate.state.catalog.CatalogImage catalog = io.consulate.state.catalog.CatalogImage.EMPTY;
        if (version >= 2) {
            byte[] json = readBytes(in);
            if (json == null) {
                throw new IOException("corrupt snapshot: missing catalog");
            }
            catalog = JSON.readValue(json, io.consulate.state.catalog.CatalogImage.class);
        }
        SessionImage sessions = SessionImage.EMPTY;
        if (version >= 3) {
            byte[] json = readBytes(in);
            if (json == null) {
                throw new IOException("corrupt snapshot: missing sessions");
            }
            sessions = JSON.readValue(json, SessionImage.class);
        }
        long expected = checked.getChecksum().getValue();
        long stored = new DataInputStream(raw).readLong();
        if (stored != expected) {
            throw new IOException("snapshot checksum mismatch");
        }
        return new StoreImage(kvMax, entries, tombstones, catalog, sessions);
    }

    private static int count(int n) throws IOException {
        if (n < 0) {
            throw new IOException("corrupt snapshot: negative count");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > MAX_FIELD) {
            throw new IOException("corrupt snapshot: field length " + len);
        }
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new java.io.EOFException("snapshot cut short");
        }
        return b;
    }
}
