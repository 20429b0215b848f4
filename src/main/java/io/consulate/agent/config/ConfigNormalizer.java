// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import io.consulate.agent.config.ConfigSchema.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks one parsed config source (a file, a {@code -hcl} fragment, the flags) against {@link ConfigSchema} and
 * returns it in canonical form, before it is merged with the others.
 *
 * <p>Canonical form: keys spelled as Consul documents them (matching is case-insensitive, like Consul's decoder);
 * integers as {@code Long}, floats as {@code Double}, booleans as {@code Boolean} (numeric and boolean strings,
 * which Consul's JSON files often contain, are converted); durations validated but kept as their Go text;
 * {@code service}/{@code services} folded into one {@code services} list and {@code check}/{@code checks} into
 * {@code checks}, exactly as Consul does per source before merging, and likewise each service's checks into its
 * {@code checks} list; repeated HCL blocks of a validated block merged into one object.
 *
 * <p>Why per source: errors then name the file the bad key or value is in, like Consul's "failed to parse
 * FILE: invalid config key KEY", instead of a merged result nobody wrote.
 */
final class ConfigNormalizer {

    private final String source;
    private final Set<String> ignored;

    private ConfigNormalizer(String source, Set<String> ignored) {
        this.source = source;
        this.ignored = ignored;
    }

    /**
     * Validates and canonicalises one source.
     *
     * @param raw     the parsed source
     * @param source  its name for error messages
     * @param ignored receives the dotted names of keys present but not acted on
     * @return the canonical tree
     * @throws ConfigException naming the source and the key when a key is unknown or a value has the wrong type
     */
    static Map<String, Object> normalize(Map<String, Object> raw, String source, Set<String> ignored)
            throws ConfigException {
        ConfigNormalizer n = new ConfigNormalizer(source, ignored);
        Map<String, Object> out = n.block(raw, ConfigSchema.TOP, "");
        foldList(out, "services", "service");
        foldList(out, "checks", "check");
        foldServiceChecks(out);
        return out;
    }

    /**
     * Inside each service, the {@code check} and {@code checks} keys (any case; each one block or a list, since
     * HCL repeats a block as a list) gathered into one {@code checks} list, the single check first as Consul
     * orders them. Done here so the agent's config files and {@code services register} read services alike.
     */
    @SuppressWarnings("unchecked")
    private static void foldServiceChecks(Map<String, Object> out) {
        if (!(out.get("services") instanceof List<?> services)) {
            return;
        }
        List<Object> folded = new ArrayList<>();
        for (Object service : services) {
            folded.add(service instanceof Map<?, ?> m ? withCheckList((Map<String, Object>) m) : service);
        }
        out.put("services", folded);
    }

    private static Map<String, Object> withCheckList(Map<String, Object> service) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> single = new ArrayList<>();
        List<Object> plural = new ArrayList<>();
        for (Map.Entry<String, Object> e : service.entrySet()) {
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "check" -> addBlocks(single, e.getValue());
                case "checks" -> addBlocks(plural, e.getValue());
                default -> out.put(e.getKey(), e.getValue());
            }
        }
        single.addAll(plural);
        if (!single.isEmpty()) {
            out.put("checks", single);
        }
        return out;
    }

    private static void addBlocks(List<Object> into, Object value) {
        if (value instanceof List<?> l) {
            into.addAll(l);
        } else if (value != null) {
            into.add(value);
        }
    }

    /** Consul appends the single {@code service} after the {@code services} list of the same source. */
    private static void foldList(Map<String, Object> out, String plural, String singular) {
        List<Object> all = new ArrayList<>();
        if (out.remove(plural) instanceof List<?> l) {
            all.addAll(l);
        }
        if (out.remove(singular) instanceof List<?> l) {
            all.addAll(l);
        }
        if (!all.isEmpty()) {
            out.put(plural, all);
        }
    }

    private Map<String, Object> block(Map<String, Object> raw, Map<String, Spec> specs, String prefix)
            throws ConfigException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Map.Entry<String, Spec> found = ConfigSchema.lookup(specs, e.getKey());
            if (found == null) {
                throw new ConfigException("failed to parse " + source + ": invalid config key " + prefix + e.getKey());
            }
            String path = prefix + found.getKey();
            Spec spec = found.getValue();
            if (e.getValue() == null) {
                continue;
            }
            out.put(found.getKey(), value(e.getValue(), spec, path));
            if (!spec.acted()) {
                ignored.add(path);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object v, Spec spec, String path) throws ConfigException {
        switch (spec.kind()) {
            case STRING:
                if (v instanceof String) {
                    return v;
                }
                throw typeError(path, "expected a string", v);
            case BOOL:
                if (v instanceof Boolean) {
                    return v;
                }
                if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.valueOf(s.equalsIgnoreCase("true"));
                }
                throw typeError(path, "expected a boolean", v);
            case INT:
                return integer(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT:
                return integer(v, path, 0, Long.MAX_VALUE);
            case FLOAT:
                return floating(v, path);
            case DURATION:
                if (!(v instanceof String s)) {
                    throw typeError(path, "expected a duration string such as \"10s\"", v);
                }
                try {
                    Durations.parseGo(s);
                } catch (IllegalArgumentException e) {
                    throw typeError(path, "invalid duration (" + e.getMessage() + ")", v);
                }
                return s;
            case STRING_LIST:
                if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
                    return new ArrayList<>(l);
                }
                throw typeError(path, "expected a list of strings", v);
            case STRING_MAP: {
                Map<String, Object> m = object(v, path);
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    if (!(e.getValue() instanceof String)) {
                        throw typeError(path + "." + e.getKey(), "expected a string", e.getValue());
                    }
                }
                return m;
            }
            case DURATION_MAP: {
                Map<String, Object> m = object(v, path);
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    value(e.getValue(), new Spec(ConfigSchema.Kind.DURATION, true, Map.of()), path + "." + e.getKey());
                }
                return m;
            }
            case BLOCK:
                return block(object(v, path), spec.children(), path + ".");
            case OPAQUE:
                return object(v, path);
            case OBJECT_LIST:
                if (v instanceof Map<?, ?>) {
                    return new ArrayList<>(List.of(v));
                }
                if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Map<?, ?>)) {
                    return new ArrayList<>(l);
                }
                throw typeError(path, "expected an object or a list of objects", v);
            case ANY:
            default:
                return v;
        }
    }

    /** An object; a list of objects (repeated HCL blocks) is merged into one, later blocks winning. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String path) throws ConfigException {
        if (v instanceof Map<?, ?> m) {
            return new LinkedHashMap<>((Map<String, Object>) m);
        }
        if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Map<?, ?>)) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object block : l) {
                ConfigMerger.deepMerge(merged, (Map<String, Object>) block);
            }
            return merged;
        }
        throw typeError(path, "expected an object", v);
    }

    private Long integer(Object v, String path, long min, long max) throws ConfigException {
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Integer i) {
            n = i;
        } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
            n = d.longValue();
        } else if (v instanceof String s) {
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw typeError(path, "expected an integer", v);
            }
        } else {
            throw typeError(path, "expected an integer", v);
        }
        if (n < min || n > max) {
            throw typeError(path, "integer out of range [" + min + ", " + max + "]", v);
        }
        return n;
    }

    private Double floating(Object v, String path) throws ConfigException {
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw typeError(path, "expected a number", v);
            }
        } else {
            throw typeError(path, "expected a number", v);
        }
        if (Double.isNaN(d)) {
            throw typeError(path, "expected a number", v);
        }
        return d;
    }

    private ConfigException typeError(String path, String what, Object got) {
        return new ConfigException("failed to parse " + source + ": " + path + ": " + what + ", got " + describe(got));
    }

    /** A short, safe rendering of a value for error messages. */
    static String describe(Object v) {
        if (v instanceof String s) {
            String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
            return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
