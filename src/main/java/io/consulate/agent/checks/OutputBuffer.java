// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.nio.charset.StandardCharsets;

/**
 * A fixed-size circular byte buffer that keeps the <em>last</em> {@code capacity} bytes written to it and counts
 * all of them: the semantics of the {@code circbuf} buffer Consul captures check output in.
 *
 * <p>Why the tail: a failing script or health page usually prints the reason last. Why a ring: a check that
 * prints 10 MB must not cost 10 MB of heap; memory stays at {@code capacity} whatever is written.
 *
 * <p>Thread-safe (a reader thread writes while the runner may look at it on timeout).
 */
final class OutputBuffer {

    private final byte[] data;
    private long total;

    OutputBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.data = new byte[capacity];
    }

    synchronized void write(byte[] b, int off, int len) {
        int cap = data.length;
        if (len >= cap) { // only the last cap bytes survive
            int start = off + len - cap;
            int pos = (int) ((total + len - cap) % cap);
            int first = Math.min(cap - pos, cap);
            System.arraycopy(b, start, data, pos, first);
            System.arraycopy(b, start + first, data, 0, cap - first);
        } else {
            int pos = (int) (total % cap);
            int first = Math.min(cap - pos, len);
            System.arraycopy(b, off, data, pos, first);
            System.arraycopy(b, off + first, data, 0, len - first);
        }
        total += len;
    }

    /** How many bytes were written in all. */
    synchronized long totalWritten() {
        return total;
    }

    /** The retained bytes (at most the capacity), oldest first. */
    synchronized byte[] bytes() {
        int cap = data.length;
        if (total <= cap) {
            byte[] out = new byte[(int) total];
            System.arraycopy(data, 0, out, 0, out.length);
            return out;
        }
        int pos = (int) (total % cap);
        byte[] out = new byte[cap];
        System.arraycopy(data, pos, out, 0, cap - pos);
        System.arraycopy(data, 0, out, cap - pos, pos);
        return out;
    }

    /** The retained bytes as UTF-8 text (a character cut in half at the start becomes U+FFFD). */
    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /**
     * The retained text, prefixed with Consul's note {@code "Captured N of M bytes\n...\n"} when older output was
     * dropped (what Consul's script and Docker checks report).
     */
    synchronized String textWithTruncationNote() {
        String text = text();
        if (total > data.length) {
            return "Captured " + data.length + " of " + total + " bytes\n...\n" + text;
        }
        return text;
    }
}
