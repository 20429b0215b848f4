// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-preserving, unmodifiable copies of config trees, so that {@link AgentConfig} is truly immutable
 * even though its raw blocks are nested maps and lists.
 */
final class Frozen {

    private Frozen() {
    }

    /** A deep unmodifiable copy of an object tree; null becomes an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, ?> m) {
        return m == null ? Map.of() : (Map<String, Object>) freeze(m);
    }

    /** A deep unmodifiable copy of a list of objects; null becomes an empty list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOfObjects(List<? extends Map<String, ?>> l) {
        return l == null ? List.of() : (List<Map<String, Object>>) freeze(l);
    }

    /** An unmodifiable, order-preserving copy of a string map; null becomes an empty map. */
    static Map<String, String> stringMap(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), freeze(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(freeze(x)));
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
