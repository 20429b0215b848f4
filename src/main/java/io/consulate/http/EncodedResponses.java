package io.consulate.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded bytes of the answers last written, one per kind of answer (keep-alive or not, gzip or not),
 * kept while the same {@link ApiResponse} instance keeps being answered.
 *
 * <p>When one commit wakes thousands of blocking queries on the same service, their handlers return the one
 * {@link ApiResponse} the discovery cache holds for that index; each connection then gets the same array
 * instead of its own header map, validation and encoding. Lookup is by identity, so a response built afresh
 * for each request simply misses and costs one encoding, as it would anyway. Thread-safe without locks: two
 * event loops racing on a miss both encode, and either result is right.
 */
final class EncodedResponses {
    private record Entry(ApiResponse response, byte[] bytes) { }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(4);

    /** The bytes last stored for this response and kind, or null. */
    byte[] get(ApiResponse response, boolean keepAlive, boolean gzip) {
        Entry e = slots.get(slot(keepAlive, gzip));
        return e != null && e.response() == response ? e.bytes() : null;
    }

    void put(ApiResponse response, boolean keepAlive, boolean gzip, byte[] bytes) {
        slots.set(slot(keepAlive, gzip), new Entry(response, bytes));
    }

    private static int slot(boolean keepAlive, boolean gzip) {
        return (keepAlive ? 1 : 0) | (gzip ? 2 : 0);
    }
}
