package io.consulate.state;

import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * An immutable version of the sessions table: sessions by ID, the IDs on each node (lower-cased node
 * name, as the catalog keys nodes), the keys each session holds, and the table's max index.
 *
 * <p>{@code held} may name keys the session no longer holds (a held key deleted by a plain DELETE):
 * readers verify each key against the KV table, so a stale entry costs a lookup, never a wrong release.
 */
record SessionTable(PSortedMap<String, Session> byId, PMap<String, PSet<String>> byNode,
                    PMap<String, PSet<String>> held, long maxIndex) {

    static final SessionTable EMPTY = new SessionTable(TreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), 0);

    static String nodeKey(String node) {
        return node.toLowerCase(java.util.Locale.ROOT);
    }

    SessionTable put(long index, Session s) {
        String nk = nodeKey(s.node());
        return new SessionTable(byId.plus(s.id(), s), byNode.plus(nk, byNode.getOrDefault(nk, HashTreePSet.empty())
                .plus(s.id())), held, Math.max(maxIndex, index));
    }

    SessionTable remove(long index, Session s) {
        String nk = nodeKey(s.node());
        PSet<String> left = byNode.getOrDefault(nk, HashTreePSet.empty()).minus(s.id());
        return new SessionTable(byId.minus(s.id()), left.isEmpty() ? byNode.minus(nk) : byNode.plus(nk, left),
                held.minus(s.id()), Math.max(maxIndex, index));
    }

    SessionTable hold(String session, String key) {
        return new SessionTable(byId, byNode, held.plus(session, held.getOrDefault(session, HashTreePSet.empty())
                .plus(key)), maxIndex);
    }

    SessionTable unhold(String session, String key) {
        PSet<String> keys = held.get(session);
        if (keys == null) {
            return this;
        }
        PSet<String> left = keys.minus(key);
        return new SessionTable(byId, byNode, left.isEmpty() ? held.minus(session) : held.plus(session, left), maxIndex);
    }

    PSet<String> heldBy(String session) {
        return held.getOrDefault(session, HashTreePSet.empty());
    }

    PSet<String> onNode(String node) {
        return byNode.getOrDefault(nodeKey(node), HashTreePSet.empty());
    }
}
