// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.consulate.agent.config.Durations;
import io.consulate.agent.checks.CheckDefinitionException.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw check definition (a JSON or HCL object) with its keys normalised, and typed getters that decode values the
 * way Consul's decoder does.
 *
 * <p>Why: clients spell keys every possible way ({@code TLSSkipVerify}, {@code tls_skip_verify},
 * {@code tlsskipverify}); Consul matches them case-insensitively and with snake_case aliases. Lower-casing and
 * dropping underscores covers all of these in one rule. Unknown keys are ignored, as Consul ignores them.
 */
final class RawCheck {

    private final Map<String, Object> values = new LinkedHashMap<>();

    RawCheck(Map<String, ?> raw) {
        if (raw != null) {
            raw.forEach((k, v) -> values.put(normalize(String.valueOf(k)), v));
        }
    }

    /** {@code "TLS_Skip_Verify"} becomes {@code "tlsskipverify"}. */
    static String normalize(String key) {
        return key.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** True when no key holds anything but a zero value: Consul drops such a check instead of validating it. */
    boolean isEmpty() {
        return values.values().stream().allMatch(RawCheck::isZero);
    }

    private static boolean isZero(Object v) {
        return v == null
                || (v instanceof String s && s.isEmpty())
                || (v instanceof Boolean b && !b)
                || (v instanceof Number n && n.doubleValue() == 0)
                || (v instanceof List<?> l && l.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    /** The first of the keys that is present with a non-null value, or null. */
    private Object first(String... keys) {
        for (String key : keys) {
            Object v = values.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    String string(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        throw mismatch(v, field, "string");
    }

    boolean bool(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s); // HCL and some config tools give booleans as strings
        }
        throw mismatch(v, field, "bool");
    }

    int integer(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                throw new CheckDefinitionException(Kind.DECODE, "json: cannot unmarshal number " + n
                        + " into Go struct field CheckDefinition." + field + " of type int");
            }
        }
        throw mismatch(v, field, "int");
    }

    /**
     * A duration: a Go duration string, or a number of nanoseconds (what Go's JSON decoder makes of a bare
     * number). Other JSON types are ignored, as Consul's decoder ignores them.
     */
    Duration duration(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v instanceof String s) {
            try {
                return Durations.parseGo(s);
            } catch (IllegalArgumentException e) {
                throw new CheckDefinitionException(Kind.DECODE, e.getMessage());
            }
        }
        if (v instanceof Number n) {
            return Duration.ofNanos(nanos(n));
        }
        return Duration.ZERO;
    }

    private static long nanos(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : (b.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return (long) n.doubleValue(); // Go converts float64 to Duration by truncation
    }

    List<String> strings(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw mismatch(o, field, "[]string");
                }
                out.add(s);
            }
            return out;
        }
        throw mismatch(v, field, "[]string");
    }

    /** A header map; a single string value is accepted as a one-element list. */
    Map<String, List<String>> header(String field, String... keys) throws CheckDefinitionException {
        Object v = first(keys);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw mismatch(v, field, "map[string][]string");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object val = e.getValue();
            List<String> list = new ArrayList<>();
            if (val instanceof String s) {
                list.add(s);
            } else if (val instanceof List<?> l) {
                for (Object o : l) {
                    if (!(o instanceof String s)) {
                        throw mismatch(o, field, "[]string");
                    }
                    list.add(s);
                }
            } else if (val != null) {
                throw mismatch(val, field, "[]string");
            }
            out.put(String.valueOf(e.getKey()), list);
        }
        return out;
    }

    private static CheckDefinitionException mismatch(Object v, String field, String goType) {
        return new CheckDefinitionException(Kind.DECODE, "json: cannot unmarshal " + jsonType(v)
                + " into Go struct field CheckDefinition." + field + " of type " + goType);
    }

    private static String jsonType(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        if (v instanceof Map<?, ?>) {
            return "object";
        }
        return "null";
    }
}
