package io.consulate.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded bytes of the answers last written, one per kind of answer (keep-alive or not, gzip or not),
 * kept while the same {@link ApiResponse} instance keeps being answered.
 *
 * <p>When one commit wakes thousands of blocking queries on the same service, their handlers return the one
 * {@link ApiResponse} the discovery cache holds for that index; each connection then gets the same bytes
 * instead of its own header map, validation and encoding. From the second answer on, the bytes are served
 * from one read-only direct buffer: each connection gets its own view of it, which the socket writes from
 * without Netty copying it into a pooled direct buffer first. That memory is the JVM's (freed by the garbage
 * collector once no view is left), so an entry replaced while views are still being written is safe.
 *
 * <p>Lookup is by identity, so a response built afresh for each request simply misses and costs one
 * encoding, as it would anyway. Thread-safe without locks: two event loops racing on a miss both encode,
 * and either result is right.
 */
final class EncodedResponses {
    private static final class Entry {
        final ApiResponse response;
        final byte[] bytes;
        private volatile ByteBuffer direct;

        Entry(ApiResponse response, byte[] bytes) {
            this.response = response;
            this.bytes = bytes;
        }

        ByteBuffer direct() {
            ByteBuffer d = direct;
            if (d == null) {
                d = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
                direct = d; // a race allocates twice; both hold the same bytes
            }
            return d;
        }
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(4);

    /** A fresh view of the bytes last stored for this response and kind, or null. */
    ByteBuf get(ApiResponse response, boolean keepAlive, boolean gzip) {
        Entry e = slots.get(slot(keepAlive, gzip));
        if (e == null || e.response != response) {
            return null;
        }
        return Unpooled.wrappedBuffer(e.direct().duplicate());
    }

    void put(ApiResponse response, boolean keepAlive, boolean gzip, byte[] bytes) {
        slots.set(slot(keepAlive, gzip), new Entry(response, bytes));
    }

    private static int slot(boolean keepAlive, boolean gzip) {
        return (keepAlive ? 1 : 0) | (gzip ? 2 : 0);
    }
}
