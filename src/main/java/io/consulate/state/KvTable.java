package io.consulate.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * An immutable version of the KV table: entries, tombstones ("graveyard") and the table's max index.
 *
 * <p>Every mutation returns a new version sharing structure with the old one (persistent sorted maps),
 * so a reader holding a version sees a complete, unchanging state while the writer builds the next.
 */
record KvTable(PSortedMap<String, KvEntry> entries, PSortedMap<String, Long> tombstones, long maxIndex) {

    static final KvTable EMPTY = new KvTable(TreePMap.empty(), TreePMap.empty(), 0);

    KvEntry get(String key) {
        return entries.get(key);
    }

    KvTable put(long index, KvEntry entry) {
        return new KvTable(entries.plus(entry.key(), entry), tombstones.minus(entry.key()),
                Math.max(maxIndex, index));
    }

    KvTable remove(long index, String key) {
        return new KvTable(entries.minus(key), tombstones.plus(key, index), Math.max(maxIndex, index));
    }

    KvTable reap(long upTo) {
        PSortedMap<String, Long> kept = tombstones;
        for (Map.Entry<String, Long> t : tombstones.entrySet()) {
            if (t.getValue() <= upTo) {
                kept = kept.minus(t.getKey());
            }
        }
        return new KvTable(entries, kept, maxIndex);
    }

    /** Entries whose key starts with {@code prefix}, in key order. */
    List<KvEntry> list(String prefix) {
        List<KvEntry> out = new ArrayList<>();
        for (KvEntry e : under(entries, prefix).values()) {
            if (!e.key().startsWith(prefix)) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The index a list of {@code prefix} reports: the highest ModifyIndex or tombstone under it, or the
     * table's index when the prefix is empty or nothing is (or was recently) under it.
     */
    long prefixIndex(String prefix, List<KvEntry> listed) {
        if (prefix.isEmpty()) {
            return maxIndex;
        }
        long idx = 0;
        for (KvEntry e : listed) {
            idx = Math.max(idx, e.modifyIndex());
        }
        for (Map.Entry<String, Long> t : under(tombstones, prefix).entrySet()) {
            if (!t.getKey().startsWith(prefix)) {
                break;
            }
            idx = Math.max(idx, t.getValue());
        }
        return idx != 0 ? idx : maxIndex;
    }

    private static <V> PSortedMap<String, V> under(PSortedMap<String, V> map, String prefix) {
        return prefix.isEmpty() ? map : map.tailMap(prefix, true);
    }
}
