// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code consul agent} command line with the rules of Go's {@code flag} package, which Consul uses:
 * one or two leading dashes, {@code -name=value} or {@code -name value}, booleans as a bare {@code -name} or
 * {@code -name=true|false}, repeatable flags accumulating, and parsing stopping at the first non-flag argument
 * (which is then an error, as in Consul).
 *
 * <p>Each flag Consul has is known here. Flags we act on become config keys ({@code -http-port} sets
 * {@code ports.http}); the others are validated by type and reported as ignored ({@code "-retry-join"}).
 * Like Consul, list-valued flags form a source merged <em>before</em> the config files and all other flags a
 * source merged <em>after</em> them.
 */
final class AgentFlags {

    private enum Type { BOOL, INT, STRING, DURATION, LIST, MAP }

    /** A flag: its value type, and the config key it sets ({@code null} for loader flags and ignored ones). */
    private record Def(Type type, String path, boolean ignored) {
    }

    /**
     * The parsed command line.
     *
     * @param dev          whether {@code -dev} was given
     * @param configPaths  the {@code -config-file} and {@code -config-dir} values, in command-line order
     * @param configFormat {@code "json"}, {@code "hcl"} or null when not forced
     * @param hcl          the {@code -hcl} fragments, in order
     * @param slices       list-valued flags (merged before the files)
     * @param values       all other flags (merged after the files)
     * @param ignoredFlags flags Consul has that we accept but do not act on, as {@code "-name"}
     */
    record Parsed(boolean dev, List<String> configPaths, String configFormat, List<String> hcl,
            ConfigSource slices, ConfigSource values, Set<String> ignoredFlags) {
    }

    private static final Map<String, Def> FLAGS = new HashMap<>();

    static {
        acted("server", Type.BOOL, "server");
        acted("bootstrap", Type.BOOL, "bootstrap");
        acted("bootstrap-expect", Type.INT, "bootstrap_expect");
        acted("client", Type.STRING, "client_addr");
        acted("bind", Type.STRING, "bind_addr");
        acted("advertise", Type.STRING, "advertise_addr");
        acted("http-port", Type.INT, "ports.http");
        acted("dns-port", Type.INT, "ports.dns");
        acted("server-port", Type.INT, "ports.server");
        acted("node", Type.STRING, "node_name");
        acted("node-id", Type.STRING, "node_id");
        acted("node-meta", Type.MAP, "node_meta");
        acted("datacenter", Type.STRING, "datacenter");
        acted("data-dir", Type.STRING, "data_dir");
        acted("pid-file", Type.STRING, "pid_file");
        acted("log-level", Type.STRING, "log_level");
        acted("log-json", Type.BOOL, "log_json");
        acted("ui", Type.BOOL, "ui_config.enabled");
        acted("domain", Type.STRING, "domain");
        acted("alt-domain", Type.STRING, "alt_domain");
        acted("recursor", Type.LIST, "recursors");
        acted("enable-script-checks", Type.BOOL, "enable_script_checks");
        acted("enable-local-script-checks", Type.BOOL, "enable_local_script_checks");
        // Handled by the loader itself.
        acted("dev", Type.BOOL, null);
        acted("config-file", Type.LIST, null);
        acted("config-dir", Type.LIST, null);
        acted("config-format", Type.STRING, null);
        acted("hcl", Type.LIST, null);
        // Real Consul flags we accept and report as ignored.
        ignored(Type.BOOL, "auto-reload-config", "disable-host-node-id", "disable-keyring-file", "non-voting-server",
                "read-replica", "rejoin", "syslog");
        ignored(Type.INT, "check_output_max_size", "grpc-port", "grpc-tls-port", "https-port", "log-rotate-bytes",
                "log-rotate-max-files", "protocol", "raft-protocol", "retry-max", "retry-max-wan", "serf-lan-port",
                "serf-wan-port");
        ignored(Type.DURATION, "default-query-time", "max-query-time", "log-rotate-duration", "retry-interval",
                "retry-interval-wan");
        ignored(Type.STRING, "advertise-wan", "encrypt", "log-file", "segment", "serf-lan-bind", "serf-wan-bind",
                "ui-content-path", "ui-dir");
        acted("join", Type.LIST, "start_join");
        acted("retry-join", Type.LIST, "retry_join");
        ignored(Type.LIST, "allow-write-http-from", "join-wan", "primary-gateway", "retry-join-wan",
                "serf-lan-allowed-cidrs", "serf-wan-allowed-cidrs");
    }

    private static void acted(String name, Type type, String path) {
        FLAGS.put(name, new Def(type, path, false));
    }

    private static void ignored(Type type, String... names) {
        for (String n : names) {
            FLAGS.put(n, new Def(type, null, true));
        }
    }

    private boolean dev;
    private String configFormat;
    private final List<String> configPaths = new ArrayList<>();
    private final List<String> hcl = new ArrayList<>();
    private final Map<String, Object> slices = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final Set<String> ignoredFlags = new LinkedHashSet<>();

    private AgentFlags() {
    }

    /**
     * Parses the arguments that follow {@code agent}.
     *
     * @param args the arguments
     * @return what they say
     * @throws ConfigException naming the flag for an unknown flag, a missing or malformed value, or a stray argument
     */
    static Parsed parse(List<String> args) throws ConfigException {
        AgentFlags f = new AgentFlags();
        f.run(args);
        return new Parsed(f.dev, List.copyOf(f.configPaths), f.configFormat, List.copyOf(f.hcl),
                new ConfigSource("command-line flags", f.slices, f.origins),
                new ConfigSource("command-line flags", f.values, f.origins),
                Collections.unmodifiableSet(f.ignoredFlags));
    }

    private void run(List<String> args) throws ConfigException {
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i++);
            if (arg == null) {
                throw new ConfigException("bad flag syntax: null argument");
            }
            if (arg.equals("--")) {
                rejectExtra(args.subList(i, args.size()));
                return;
            }
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                rejectExtra(args.subList(i - 1, args.size()));
                return;
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            if (body.isEmpty() || body.startsWith("-") || body.startsWith("=")) {
                throw new ConfigException("bad flag syntax: " + arg);
            }
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? null : body.substring(eq + 1);
            Def def = FLAGS.get(name);
            if (def == null) {
                throw new ConfigException("flag provided but not defined: -" + name);
            }
            if (def.type() == Type.BOOL) {
                value = value == null ? "true" : value;
            } else if (value == null) {
                if (i >= args.size()) {
                    throw new ConfigException("flag needs an argument: -" + name);
                }
                value = args.get(i++);
            }
            apply(name, def, value);
        }
    }

    private static void rejectExtra(List<String> rest) throws ConfigException {
        if (!rest.isEmpty()) {
            throw new ConfigException("unknown extra arguments: " + rest);
        }
    }

    private void apply(String name, Def def, String raw) throws ConfigException {
        Object value = convert(name, def.type(), raw);
        if (def.ignored()) {
            ignoredFlags.add("-" + name);
            return;
        }
        switch (name) {
            case "dev" -> dev = (Boolean) value;
            case "config-file", "config-dir" -> configPaths.add(raw);
            case "hcl" -> hcl.add(raw);
            case "config-format" -> {
                if (!raw.equals("json") && !raw.equals("hcl")) {
                    throw new ConfigException("-config-format must be either 'hcl' or 'json', got "
                            + ConfigNormalizer.describe(raw));
                }
                configFormat = raw;
            }
            default -> {
                origins.put(def.path(), "flag -" + name);
                if (def.type() == Type.LIST) {
                    appendAt(slices, def.path(), raw);
                } else if (def.type() == Type.MAP) {
                    int colon = raw.indexOf(':');
                    String key = colon < 0 ? raw : raw.substring(0, colon);
                    String val = colon < 0 ? "" : raw.substring(colon + 1);
                    mapAt(values, def.path()).put(key, val);
                } else {
                    putAt(values, def.path(), value);
                }
            }
        }
    }

    private static Object convert(String name, Type type, String raw) throws ConfigException {
        switch (type) {
            case BOOL:
                return switch (raw) {
                    case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
                    case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
                    default -> throw new ConfigException("invalid boolean value " + ConfigNormalizer.describe(raw)
                            + " for flag -" + name);
                };
            case INT:
                try {
                    return (long) Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    throw new ConfigException("invalid value " + ConfigNormalizer.describe(raw) + " for flag -" + name
                            + ": expected an integer");
                }
            case DURATION:
                try {
                    Durations.parseGo(raw);
                    return raw;
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("invalid value " + ConfigNormalizer.describe(raw) + " for flag -" + name
                            + ": " + e.getMessage());
                }
            default:
                return raw;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parentOf(Map<String, Object> root, String dotted) {
        Map<String, Object> m = root;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        return m;
    }

    private static String leaf(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static void putAt(Map<String, Object> root, String dotted, Object value) {
        parentOf(root, dotted).put(leaf(dotted), value);
    }

    @SuppressWarnings("unchecked")
    private static void appendAt(Map<String, Object> root, String dotted, String value) {
        ((List<Object>) parentOf(root, dotted).computeIfAbsent(leaf(dotted), k -> new ArrayList<>())).add(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> root, String dotted) {
        return (Map<String, Object>) parentOf(root, dotted).computeIfAbsent(leaf(dotted),
                k -> new LinkedHashMap<String, Object>());
    }
}
