package io.consulate.state;

import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable byte string: KV values and command payloads.
 *
 * <p>Records only copy references, so a raw {@code byte[]} in a record would be mutable from outside.
 * This wrapper copies on the way in and out; {@link #wrapUnsafe} skips the copy for buffers the caller
 * has just allocated and never touches again (the HTTP body, a decoded log entry).
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes copyOf(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Takes ownership of {@code data}: the caller must not change it afterwards. */
    public static Bytes wrapUnsafe(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** The backing array, for writers that only read it (network and disk output). Never modify it. */
    public byte[] unsafeArray() {
        return data;
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Bytes[" + data.length + "]";
    }
}
