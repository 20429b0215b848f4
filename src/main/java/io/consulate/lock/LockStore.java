// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What the lock recipes need from Consul: sessions and KV with {@code acquire}/{@code release}, {@code cas}
 * and blocking reads. Implemented over the HTTP API for {@code consulate lock}; any implementation must give
 * Consul's semantics (a key held by a session names it in {@link Entry#session}; acquire fails while another
 * session holds the key).
 */
public interface LockStore {
    /** One KV entry; {@code session} is "" when the key is not held. */
    record Entry(String key, byte[] value, long flags, String session, long modifyIndex) {
        public Entry {
            value = value == null ? new byte[0] : value.clone();
            session = session == null ? "" : session;
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    /** A read's answer and the index to block on next. */
    record Read<T>(long index, T value) {}

    /** Creates a session with Behavior {@code release} and this TTL; returns its ID. */
    String createSession(String name, Duration ttl) throws IOException, InterruptedException;

    /** Renews a session; false when the server no longer knows it (expired or destroyed). */
    boolean renewSession(String id) throws IOException, InterruptedException;

    /** Destroys a session (idempotent). */
    void destroySession(String id) throws IOException, InterruptedException;

    /** The entry at {@code key} (null when absent), blocking up to {@code wait} while the index is {@code index}. */
    Read<Entry> get(String key, long index, Duration wait) throws IOException, InterruptedException;

    /** Every entry under {@code prefix}, blocking like {@link #get}. */
    Read<List<Entry>> list(String prefix, long index, Duration wait) throws IOException, InterruptedException;

    /** {@code PUT ?acquire=session}: true when the session now holds the key. */
    boolean acquire(String key, byte[] value, long flags, String session) throws IOException, InterruptedException;

    /** {@code PUT ?release=session}: true when the session held the key and let it go. */
    boolean release(String key, byte[] value, long flags, String session) throws IOException, InterruptedException;

    /** {@code PUT ?cas=index} (0: only if absent). */
    boolean cas(String key, byte[] value, long flags, long index) throws IOException, InterruptedException;

    /** {@code DELETE}. */
    void delete(String key) throws IOException, InterruptedException;

    /** {@code DELETE ?cas=index}. */
    boolean deleteCas(String key, long index) throws IOException, InterruptedException;
}
