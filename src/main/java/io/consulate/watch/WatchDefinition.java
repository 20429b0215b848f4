// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import io.consulate.agent.config.Durations;
import io.consulate.watch.WatchSpec.InvalidWatchException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of the agent config's {@code watches} list, parsed and checked as Consul does: the watch's
 * parameters ({@code type}, {@code key}, {@code prefix}, {@code service}, {@code tag}, {@code passingonly},
 * {@code state}, {@code name}, {@code datacenter}, {@code token}, {@code stale}) and its handler:
 * {@code handler_type = "script"} with {@code args} (or the older {@code handler} command line, run by
 * {@code sh -c}), or {@code handler_type = "http"} with {@code http_handler_config}
 * ({@code path}, {@code method}, {@code header}, {@code timeout}, {@code tls_skip_verify}).
 *
 * @param raw the entry as the config file spelled it; two definitions are the same watch iff these are equal
 */
public record WatchDefinition(WatchSpec spec, List<String> command, HttpHandler.Config http,
                              Map<String, Object> raw) {
    private static final Set<String> KNOWN = Set.of("type", "key", "prefix", "service", "tag", "passingonly",
            "state", "name", "datacenter", "token", "stale", "handler_type", "args", "handler",
            "http_handler_config");
    private static final Set<String> HTTP_KNOWN = Set.of("path", "method", "header", "timeout", "tls_skip_verify");

    public WatchDefinition {
        command = command == null ? null : List.copyOf(command);
        raw = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw)); // config values may be null
    }

    /** Parses one {@code watches} entry. */
    public static WatchDefinition parse(Map<String, Object> raw) throws InvalidWatchException {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new InvalidWatchException("Invalid parameters: " + unknown);
        }
        WatchSpec spec = new WatchSpec(WatchSpec.Type.parse(string(raw, "type")), string(raw, "key"),
                string(raw, "prefix"), string(raw, "service"), strings(raw, "tag"), bool(raw, "passingonly"),
                string(raw, "state"), string(raw, "name"), string(raw, "datacenter"), string(raw, "token"),
                bool(raw, "stale")).validate();
        String handlerType = string(raw, "handler_type");
        List<String> args = strings(raw, "args");
        String handler = string(raw, "handler");
        if (handlerType.isEmpty()) {
            handlerType = "script"; // Consul's default when only args or handler are given
        }
        switch (handlerType) {
            case "script" -> {
                if (!args.isEmpty() && !handler.isEmpty()) {
                    throw new InvalidWatchException("Only one of 'args' or 'handler' may be provided");
                }
                if (args.isEmpty() && handler.isEmpty()) {
                    throw new InvalidWatchException("Must define a watch handler: 'args' for a script handler");
                }
                return new WatchDefinition(spec, args.isEmpty() ? ScriptHandler.shell(List.of(handler)) : args,
                        null, raw);
            }
            case "http" -> {
                Object block = raw.get("http_handler_config");
                if (block instanceof List<?> l && l.size() == 1) {
                    block = l.get(0); // an HCL block
                }
                if (!(block instanceof Map<?, ?> cfg)) {
                    throw new InvalidWatchException("Must define an http_handler_config for an http handler");
                }
                return new WatchDefinition(spec, null, httpConfig(cfg), raw);
            }
            default -> throw new InvalidWatchException("Handler type '" + handlerType + "' not recognized");
        }
    }

    private static HttpHandler.Config httpConfig(Map<?, ?> cfg) throws InvalidWatchException {
        Map<String, Object> c = new LinkedHashMap<>();
        cfg.forEach((k, v) -> c.put(String.valueOf(k), v));
        Set<String> unknown = new TreeSet<>(c.keySet());
        unknown.removeAll(HTTP_KNOWN);
        if (!unknown.isEmpty()) {
            throw new InvalidWatchException("Invalid http_handler_config parameters: " + unknown);
        }
        String path = string(c, "path");
        URI uri;
        try {
            uri = URI.create(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidWatchException("Invalid http handler path: " + path);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new InvalidWatchException("http_handler_config.path must be an http or https URL: " + path);
        }
        Duration timeout = null;
        String t = string(c, "timeout");
        if (!t.isEmpty()) {
            try {
                timeout = Durations.parseGo(t);
            } catch (IllegalArgumentException e) {
                throw new InvalidWatchException("Invalid http_handler_config.timeout: " + t);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (c.get("header") instanceof Map<?, ?> h) {
            for (Map.Entry<?, ?> e : h.entrySet()) {
                headers.put(String.valueOf(e.getKey()), strings(Map.of("v", e.getValue()), "v"));
            }
        }
        return new HttpHandler.Config(uri, string(c, "method"), headers, timeout, bool(c, "tls_skip_verify"));
    }

    private static String string(Map<String, Object> m, String k) throws InvalidWatchException {
        Object v = m.get(k);
        if (v == null) {
            return "";
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new InvalidWatchException("Expecting " + k + " to be a string");
    }

    private static boolean bool(Map<String, Object> m, String k) throws InvalidWatchException {
        Object v = m.get(k);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new InvalidWatchException("Expecting " + k + " to be a boolean");
    }

    /** A string or a list of strings (Consul accepts both for {@code tag} and {@code args}). */
    private static List<String> strings(Map<String, Object> m, String k) throws InvalidWatchException {
        Object v = m.get(k);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new InvalidWatchException("Expecting " + k + " to be a list of strings");
                }
                out.add(s);
            }
            return out;
        }
        throw new InvalidWatchException("Expecting " + k + " to be a string or a list of strings");
    }
}
