package io.consulate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static StateStore populated() {
        StateStore s = new StateStore();
        s.kvSet(3, "a", Bytes.copyOf(new byte[] {1, 2, 3}), -1L);
        s.kvSet(4, "b/c", Bytes.EMPTY, 7);
        s.kvSet(5, "gone", Bytes.copyOf(new byte[] {9}), 0);
        s.kvDelete(6, "gone");
        s.kvSet(8, "ü/ключ", Bytes.copyOf("v".getBytes()), 0);
        var node = new io.consulate.state.catalog.Node("id-1", "n1", "10.0.0.1", "dc1",
                java.util.Map.of("lan", "10.0.0.1"), java.util.Map.of("rack", "r1"), 0, 0);
        var svc = new io.consulate.state.catalog.Service("n1", "", "web-1", "web", java.util.List.of("v1"), "",
                null, java.util.Map.of("m", "1"), 80, null, true, 0, 0);
        var check = new io.consulate.state.catalog.Check("n1", "service:web-1", "web check", "passing", "", "ok",
                "web-1", "", null, "http", java.util.Map.of("HTTP", "http://x/health"), 0, 0);
        s.catalog().register(9, new io.consulate.state.catalog.Registration(node, svc, java.util.List.of(check), false));
        s.catalog().register(10, new io.consulate.state.catalog.Registration(node, null,
                java.util.List.of(new io.consulate.state.catalog.Check("n1", "serfHealth", "Serf", "passing", "", "",
                        "", "", null, "", null, 0, 0)), false));
        return s;
    }

    private static byte[] encode(StoreImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotCodec.write(image, out);
        return out.toByteArray();
    }

    @Test
    void snapshotRoundTripsExactly() throws IOException {
        StateStore original = populated();
        StoreImage image = original.image();
        StoreImage back = SnapshotCodec.read(new ByteArrayInputStream(encode(image)));
        assertThat(back).isEqualTo(image);

        StateStore restored = new StateStore();
        restored.restore(back);
        assertThat(restored.kvList("", null)).isEqualTo(original.kvList("", null));
        assertThat(restored.kvIndex()).isEqualTo(8);
        assertThat(restored.kvList("gone", null).index()).isEqualTo(6);
        assertThat(restored.catalog().image()).isEqualTo(original.catalog().image());
        assertThat(restored.catalog().health("web", null)).isEqualTo(original.catalog().health("web", null));
        assertThat(restored.catalog().health("web", null).index()).isEqualTo(10);
    }

    @Test
    void restoreWakesEveryWatcher() {
        StateStore s = new StateStore();
        WatchSet ws = new WatchSet();
        s.kvGet("anything", ws);
        java.util.concurrent.atomic.AtomicBoolean woke = new java.util.concurrent.atomic.AtomicBoolean();
        s.watches().register(ws, () -> woke.set(true));
        s.restore(populated().image());
        assertThat(woke).isTrue();
    }

    @Test
    void flippedBitIsRefused() throws IOException {
        byte[] bytes = encode(populated().image());
        bytes[bytes.length / 2] ^= 0x10;
        assertThatThrownBy(() -> SnapshotCodec.read(new ByteArrayInputStream(bytes))).isInstanceOf(IOException.class);
    }

    @Test
    void truncatedSnapshotIsRefused() throws IOException {
        byte[] bytes = encode(populated().image());
        for (int cut : new int[] {0, 5, 12, bytes.length / 2, bytes.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> SnapshotCodec.read(new ByteArrayInputStream(part)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void randomGarbageIsRefusedQuickly() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length > 12) {
                System.arraycopy("CNSLSNAP".getBytes(), 0, junk, 0, 8);
                junk[8] = 0; junk[9] = 0; junk[10] = 0; junk[11] = 1;
            }
            assertThatThrownBy(() -> SnapshotCodec.read(new ByteArrayInputStream(junk)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void versionTwoSnapshotsWithoutSessionsAreStillRead() throws IOException {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(raw, new java.util.zip.CRC32());
        java.io.DataOutputStream out = new java.io.DataOutputStream(checked);
        out.write("CNSLSNAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeInt(2);
        out.writeLong(9);
        out.writeInt(1);
        for (byte[] b : new byte[][] {"k".getBytes(), "v".getBytes()}) {
            out.writeInt(b.length);
            out.write(b);
            if (b[0] == 'k') {
                out.writeLong(0);
            }
        }
        out.writeLong(0);
        out.writeInt(-1);
        out.writeLong(9);
        out.writeLong(9);
        out.writeInt(0);
        byte[] catalog = ("{\"Nodes\":[],\"Services\":[],\"Checks\":[],\"ServiceIndex\":{},\"NodesIndex\":0,"
                + "\"ServicesIndex\":0,\"ChecksIndex\":0}").getBytes();
        out.writeInt(catalog.length);
        out.write(catalog);
        out.flush();
        new java.io.DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        StoreImage image = SnapshotCodec.read(new java.io.ByteArrayInputStream(raw.toByteArray()));
        assertThat(image.entries()).hasSize(1);
        assertThat(image.sessions().sessions()).isEmpty();
    }
}
