// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges config sources in order, with Consul's rules: a later scalar replaces an earlier one, objects merge key
 * by key (recursively), and lists are concatenated — which is why {@code services} from several files all
 * register, and why Consul puts list-valued flags ({@code -recursor}) in front of the files.
 *
 * <p>It also remembers, for every dotted key, which source set it last, so that validation can report
 * "ports.http: invalid port: 70000 (set in /etc/consul.d/a.json)". Not thread-safe; used once per load.
 */
final class ConfigMerger {

    private final Map<String, Object> merged = new LinkedHashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    /** Merges one more source over everything merged so far. */
    void merge(ConfigSource source) {
        mergeInto(merged, source.data(), "", source);
    }

    /** The merged tree (mutable, owned by this merger). */
    Map<String, Object> result() {
        return merged;
    }

    /** Which source last set the value at a dotted key, or null when no source set it. */
    String originOf(String path) {
        String p = path;
        while (true) {
            String o = origins.get(p);
            if (o != null) {
                return o;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            p = p.substring(0, dot);
        }
    }

    @SuppressWarnings("unchecked")
    private void mergeInto(Map<String, Object> dst, Map<String, Object> src, String prefix, ConfigSource source) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            String path = prefix + e.getKey();
            Object cur = dst.get(e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> vMap) {
                if (!(cur instanceof Map<?, ?>)) {
                    cur = new LinkedHashMap<String, Object>();
                    dst.put(e.getKey(), cur);
                    forget(path);
                }
                if (!vMap.isEmpty()) {
                    origins.put(path, source.originOf(path)); // the last source to touch any part of the object
                }
                mergeInto((Map<String, Object>) cur, (Map<String, Object>) vMap, path + ".", source);
                continue;
            }
            if (cur instanceof List<?> curList && v instanceof List<?> vList) {
                List<Object> joined = new ArrayList<>(curList);
                joined.addAll((List<Object>) mutableCopy(vList));
                dst.put(e.getKey(), joined);
            } else {
                dst.put(e.getKey(), mutableCopy(v));
                forget(path);
            }
            origins.put(path, source.originOf(path));
        }
    }

    private void forget(String path) {
        origins.remove(path);
        origins.keySet().removeIf(k -> k.startsWith(path + "."));
    }

    /** Merges {@code src} into {@code dst} with the same rules, without tracking origins. */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> dst, Map<String, Object> src) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object cur = dst.get(e.getKey());
            Object v = e.getValue();
            if (cur instanceof Map<?, ?> curMap && v instanceof Map<?, ?> vMap) {
                deepMerge((Map<String, Object>) curMap, (Map<String, Object>) vMap);
            } else if (cur instanceof List<?> curList && v instanceof List<?> vList) {
                List<Object> joined = new ArrayList<>(curList);
                joined.addAll((List<Object>) mutableCopy(vList));
                dst.put(e.getKey(), joined);
            } else {
                dst.put(e.getKey(), mutableCopy(v));
            }
        }
    }

    /** Copies maps and lists so that merging never writes into a source's own tree. */
    static Object mutableCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put((String) k, mutableCopy(x)));
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(mutableCopy(x)));
            return copy;
        }
        return v;
    }
}
