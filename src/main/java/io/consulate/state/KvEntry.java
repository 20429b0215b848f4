package io.consulate.state;

import java.util.Objects;

/**
 * One stored key, with Consul's DirEntry fields.
 *
 * @param value   {@code null} for an empty value (rendered as {@code "Value": null})
 * @param session the lock holder's session ID, or {@code null} when the key is not held
 */
public record KvEntry(String key, long flags, Bytes value, long lockIndex, String session,
                      long createIndex, long modifyIndex) {

    public KvEntry {
        Objects.requireNonNull(key, "key");
        if (value != null && value.isEmpty()) {
            value = null;
        }
    }

    /** True when the user-visible content (value, flags, holder) is the same, ignoring indexes. */
    boolean sameContent(KvEntry o) {
        return flags == o.flags && Objects.equals(value, o.value) && Objects.equals(session, o.session)
                && lockIndex == o.lockIndex;
    }

    // The three ways a write builds the next version of a key, shared by plain writes, lock operations
    // and transactions so they cannot drift apart. cur is the current entry, or null.

    /** A plain set: CreateIndex, LockIndex and holder are kept from {@code cur}. */
    static KvEntry set(KvEntry cur, String key, Bytes value, long flags, long index) {
        return cur == null
                ? new KvEntry(key, flags, value, 0, null, index, index)
                : new KvEntry(key, flags, value, cur.lockIndex, cur.session, cur.createIndex, index);
    }

    /** An acquire by {@code session}: LockIndex goes up by one unless that session already holds the key. */
    static KvEntry locked(KvEntry cur, String key, Bytes value, long flags, String session, long index) {
        return cur == null
                ? new KvEntry(key, flags, value, 1, session, index, index)
                : new KvEntry(key, flags, value, session.equals(cur.session) ? cur.lockIndex : cur.lockIndex + 1,
                        session, cur.createIndex, index);
    }

    /** A release of the held {@code cur}, writing {@code value} and {@code flags}; LockIndex is kept. */
    static KvEntry released(KvEntry cur, Bytes value, long flags, long index) {
        return new KvEntry(cur.key, flags, value, cur.lockIndex, null, cur.createIndex, index);
    }

    KvEntry withModifyIndex(long index) {
        return new KvEntry(key, flags, value, lockIndex, session, createIndex, index);
    }
}
