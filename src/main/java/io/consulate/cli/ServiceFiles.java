// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.agent.config.ConfigException;
import io.consulate.agent.config.ConfigLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Service definitions for {@code services register} and {@code deregister}: read from agent config files
 * (JSON or HCL, {@code service} or {@code services} blocks) by the agent's own config loader, exactly as
 * Consul reads them with its config builder in dev mode, so a file the agent accepts at start is accepted
 * here and a bad one fails with the same message. Each definition stays the raw object the file holds (the
 * agent's register endpoint matches keys in any case, snake_case included); only the handful of fields the
 * command's flags can fill are looked up here.
 */
final class ServiceFiles {
    private ServiceFiles() {}

    /** The definitions of every file, in file order; a bad file throws the config loader's error. */
    static List<Map<String, Object>> load(List<String> files) throws ConfigException {
        List<String> args = new ArrayList<>(List.of("-dev"));
        for (String f : files) {
            args.add("-config-file");
            args.add(f);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> s : ConfigLoader.load(args).services()) {
            out.add(new LinkedHashMap<>(s));
        }
        return out;
    }

    /** The key of {@code def} that means {@code field} (compared without case and underscores), or null. */
    static String keyOf(Map<String, Object> def, String field) {
        String wanted = normalize(field);
        for (String k : def.keySet()) {
            if (normalize(k).equals(wanted)) {
                return k;
            }
        }
        return null;
    }

    /** A string field of a definition, or {@code ""} when absent. */
    static String text(Map<String, Object> def, String field) {
        String key = keyOf(def, field);
        Object v = key == null ? null : def.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    /**
     * Fills from the flags what the file left out, as Consul's {@code services register} does: ID, Name,
     * Address, Port, Kind and SocketPath only when the file has none; meta and tagged addresses merged in
     * (the flag wins); tags appended.
     */
    static void combine(Map<String, Object> def, Map<String, Object> flags) {
        for (String field : List.of("ID", "Name", "Address", "Port", "Kind", "SocketPath")) {
            Object fromFlag = flags.get(field);
            if (fromFlag != null && isZero(def.get(keyOf(def, field)))) {
                put(def, field, fromFlag);
            }
        }
        for (String field : List.of("Meta", "TaggedAddresses")) {
            if (flags.get(field) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                Map<Object, Object> merged = new LinkedHashMap<>();
                if (def.get(keyOf(def, field)) instanceof Map<?, ?> existing) {
                    merged.putAll(existing);
                }
                merged.putAll(extra);
                put(def, field, merged);
            }
        }
        if (flags.get("Tags") instanceof List<?> extra && !extra.isEmpty()) {
            List<Object> tags = new ArrayList<>();
            if (def.get(keyOf(def, "Tags")) instanceof List<?> existing) {
                tags.addAll(existing);
            }
            tags.addAll(extra);
            put(def, "Tags", tags);
        }
    }

    private static void put(Map<String, Object> def, String field, Object value) {
        String key = keyOf(def, field);
        def.put(key == null ? field : key, value);
    }

    private static boolean isZero(Object v) {
        return v == null || v instanceof String s && s.isEmpty() || v instanceof Number n && n.longValue() == 0;
    }

    private static String normalize(String key) {
        return key.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
