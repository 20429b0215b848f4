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
}
