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

    KvEntry withModifyIndex(long index) {
        return new KvEntry(key, flags, value, lockIndex, session, createIndex, index);
    }
}
