// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the merged configuration tree into an {@link AgentConfig}: applies defaults, derives dependent values
 * (advertise from bind, HTTP and DNS addresses from the client address) and checks the rules Consul checks after
 * merging (port ranges, bootstrap combinations, datacenter and node-ID syntax, node metadata limits).
 *
 * <p>Every error names the key, the bad value and where it was set ({@code (set by flag -log-level)} or
 * {@code (set by /etc/consul.d/a.json)}), since after merging that is the only way to point at the culprit.
 */
final class AgentConfigBuilder {

    static final long DEFAULT_KV_MAX_VALUE_SIZE = 512 * 1024;
    static final long DEFAULT_TXN_MAX_REQ_LEN = 512 * 1024;
    static final int DEFAULT_HTTP_MAX_CONNS_PER_CLIENT = 200;
    /** Consul's fixed {@code maxTxnOps}; {@code limits.txn_max_ops} (a Consulate extension) changes it. */
    static final int DEFAULT_TXN_MAX_OPS = 64;
    /**
     * The most {@code limits.txn_max_ops} may be: a transaction is one Raft entry, applied in one step that every
     * other write waits behind, so its size must stay bounded; 4096 is 64 times Consul's limit.
     */
    static final int MAX_TXN_MAX_OPS = 4096;
    static final Duration DEFAULT_SESSION_TTL_MIN = Duration.ofSeconds(10);
    static final Duration DEFAULT_CHECK_UPDATE_INTERVAL = Duration.ofMinutes(5);

    private static final Pattern DATACENTER = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern META_KEY = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\\.)+");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "err");

    private final ConfigMerger merged;
    private final NetAddrs.Host host;

    private AgentConfigBuilder(ConfigMerger merged, NetAddrs.Host host) {
        this.merged = merged;
        this.host = host;
    }

    /**
     * Builds and validates the effective configuration.
     *
     * @param merged      all sources, merged in precedence order
     * @param dev         whether {@code -dev} was given
     * @param ignoredKeys the keys and flags to report as ignored
     * @param host        the host facts defaults depend on
     * @throws ConfigException naming the key, value and origin of the first invalid setting
     */
    static AgentConfig build(ConfigMerger merged, boolean dev, List<String> ignoredKeys, NetAddrs.Host host)
            throws ConfigException {
        return new AgentConfigBuilder(merged, host).build(dev, ignoredKeys);
    }

    @SuppressWarnings("unchecked")
    private AgentConfig build(boolean dev, List<String> ignoredKeys) throws ConfigException {
        boolean server = bool("server", false);
        boolean bootstrap = bool("bootstrap", false);
        int bootstrapExpect = (int) number("bootstrap_expect", 0);
        if (bootstrapExpect < 0) {
            throw bad("bootstrap_expect", "bootstrap_expect cannot be " + bootstrapExpect
                    + ". Must be greater than or equal to zero");
        }
        if (bootstrapExpect > 0 && dev) {
            throw bad("bootstrap_expect", "'bootstrap_expect > 0' not allowed in dev mode");
        }
        if (bootstrapExpect > 0 && !server) {
            throw bad("bootstrap_expect", "'bootstrap_expect > 0' requires 'server = true'");
        }
        if (bootstrapExpect > 0 && bootstrap) {
            throw bad("bootstrap_expect", "'bootstrap_expect > 0' and 'bootstrap = true' are mutually exclusive");
        }
        if (bootstrap && !server) {
            throw bad("bootstrap", "'bootstrap = true' requires 'server = true'");
        }
        if (bootstrapExpect == 1) { // Consul: "BootstrapExpect is set to 1; this is the same as Bootstrap mode."
            bootstrap = true;
            bootstrapExpect = 0;
        }
        if (dev && server) {
            bootstrap = true; // a dev agent is a single self-elected server
        }

        String datacenter = string("datacenter", "dc1").toLowerCase(Locale.ROOT);
        if (datacenter.isEmpty()) {
            throw bad("datacenter", "datacenter cannot be empty");
        }
        if (!DATACENTER.matcher(datacenter).matches()) {
            throw bad("datacenter", "datacenter cannot be " + ConfigNormalizer.describe(datacenter)
                    + ". Please use only [a-z0-9-_]");
        }
        String nodeName = string("node_name", null);
        if (nodeName == null) {
            nodeName = host.hostname();
        } else if (nodeName.isBlank()) {
            throw bad("node_name", "node_name cannot be empty");
        }
        String nodeId = string("node_id", null);
        if (nodeId != null) {
            nodeId = nodeId.toLowerCase(Locale.ROOT);
            if (!UUID.matcher(nodeId).matches()) {
                throw bad("node_id", "node_id " + ConfigNormalizer.describe(nodeId) + " is not a valid UUID");
            }
        }
        Map<String, String> nodeMeta = nodeMeta();

        Path dataDir = path("data_dir");
        if (dataDir == null && server && !dev) {
            throw bad("data_dir", "data_dir cannot be empty (required for servers outside -dev mode)");
        }
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw bad("data_dir", "data_dir " + ConfigNormalizer.describe(dataDir.toString()) + " is not a directory");
        }

        String clientAddr = address("client_addr", "127.0.0.1");
        String bindAddr = address("bind_addr", "127.0.0.1");
        String advertiseAddr = advertise(bindAddr);
        String httpAddr = address("addresses.http", clientAddr);
        String dnsAddr = address("addresses.dns", clientAddr);
        int httpPort = port("ports.http", 8500);
        int dnsPort = port("ports.dns", 8600);
        int serverPort = port("ports.server", 8300);
        if (serverPort <= 0) {
            throw bad("ports.server", "ports.server: server-port must be greater than zero");
        }

        String logLevel = logLevel();
        Duration sessionTtlMin = DEFAULT_SESSION_TTL_MIN;
        if (get("session_ttl_min") instanceof String s) {
            sessionTtlMin = Durations.parseGo(s); // validated while normalising
            if (sessionTtlMin.isNegative()) {
                throw bad("session_ttl_min", "session_ttl_min cannot be negative: " + s);
            }
        }
        long kvMax = positive("limits.kv_max_value_size", positive("kv_max_value_size", DEFAULT_KV_MAX_VALUE_SIZE));
        long txnMax = positive("limits.txn_max_req_len", DEFAULT_TXN_MAX_REQ_LEN);
        int txnMaxOps = (int) within("limits.txn_max_ops", 1, MAX_TXN_MAX_OPS, DEFAULT_TXN_MAX_OPS);
        int httpMaxConns = (int) number("limits.http_max_conns_per_client", DEFAULT_HTTP_MAX_CONNS_PER_CLIENT);
        if (httpMaxConns < 0) {
            throw bad("limits.http_max_conns_per_client", "limits.http_max_conns_per_client cannot be negative");
        }
        Duration checkUpdateInterval = DEFAULT_CHECK_UPDATE_INTERVAL;
        if (get("check_update_interval") instanceof String s) {
            checkUpdateInterval = Durations.parseGo(s); // validated while normalising
            if (checkUpdateInterval.isNegative()) {
                throw bad("check_update_interval", "check_update_interval cannot be negative: " + s);
            }
        }
        boolean scripts = bool("enable_script_checks", false);
        boolean localScripts = bool("enable_local_script_checks", scripts);
        boolean ui = get("ui_config.enabled") instanceof Boolean b ? b : bool("ui", false);

        List<Map<String, Object>> services = get("services") instanceof List<?> l
                ? (List<Map<String, Object>>) l : List.of();
        List<Map<String, Object>> checks = get("checks") instanceof List<?> l
                ? (List<Map<String, Object>>) l : List.of();
        Map<String, Object> dnsConfig = get("dns_config") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();

        String domain = domain("domain", "consul.");
        String altDomain = domain("alt_domain", null);
        List<String> servers = clusterServers(bootstrapExpect, advertiseAddr, serverPort);
        return new AgentConfig(dev, server, bootstrap, bootstrapExpect, nodeName, nodeId, nodeMeta, datacenter,
                dataDir, clientAddr, bindAddr, advertiseAddr, httpAddr, httpPort, dnsAddr, dnsPort, serverPort,
                path("pid_file"), logLevel, bool("log_json", false), ui, kvMax, txnMax, txnMaxOps, sessionTtlMin,
                checkUpdateInterval, httpMaxConns,
                scripts, localScripts, services, checks, dnsConfig, recursors(), domain, altDomain, ignoredKeys,
                get("watches") instanceof List<?> w ? (List<Map<String, Object>>) w : List.of(), servers);
    }

    /**
     * With {@code bootstrap_expect} above 1: every server of the cluster as {@code host:port}, this one
     * first; the others come from {@code start_join} and {@code retry_join} and must make up exactly
     * {@code bootstrap_expect}. Otherwise empty (a one-server cluster; joins are then ignored).
     */
    private List<String> clusterServers(int bootstrapExpect, String advertiseAddr, int serverPort)
            throws ConfigException {
        List<String> raw = new ArrayList<>();
        for (String key : new String[] {"start_join", "retry_join"}) {
            if (get(key) instanceof List<?> l) {
                l.forEach(o -> raw.add(String.valueOf(o)));
            }
        }
        List<String> joins;
        try {
            joins = JoinAddresses.parse(raw, serverPort);
        } catch (ConfigException e) {
            throw bad("retry_join", e.getMessage());
        }
        try {
            return JoinAddresses.cluster(joins, bootstrapExpect, advertiseAddr, serverPort);
        } catch (ConfigException e) {
            throw bad("bootstrap_expect", e.getMessage());
        }
    }

    // ---- individual settings ----

    private Map<String, String> nodeMeta() throws ConfigException {
        Map<String, String> meta = new LinkedHashMap<>();
        if (get("node_meta") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), String.valueOf(v)));
        }
        if (meta.size() > 64) {
            throw bad("node_meta", "node_meta cannot have more than 64 key/value pairs, got " + meta.size());
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey();
            if (!META_KEY.matcher(k).matches()) {
                throw bad("node_meta", "node_meta key " + ConfigNormalizer.describe(k)
                        + " may only contain letters, digits, '_' and '-'");
            }
            if (k.length() > 128) {
                throw bad("node_meta", "node_meta key " + ConfigNormalizer.describe(k) + " is longer than 128 characters");
            }
            if (k.startsWith("consul-")) {
                throw bad("node_meta", "node_meta key " + ConfigNormalizer.describe(k)
                        + " uses the reserved prefix 'consul-'");
            }
            if (e.getValue().length() > 512) {
                throw bad("node_meta", "node_meta value for " + ConfigNormalizer.describe(k)
                        + " is longer than 512 characters");
            }
        }
        return meta;
    }

    private String advertise(String bindAddr) throws ConfigException {
        String explicit = string("advertise_addr", null);
        if (explicit != null) {
            InetAddress a = NetAddrs.parseIp(explicit);
            if (a == null) {
                throw bad("advertise_addr", "advertise_addr must be an IP address, got "
                        + ConfigNormalizer.describe(explicit));
            }
            if (NetAddrs.isAny(a)) {
                throw bad("advertise_addr", "Advertise address cannot be 0.0.0.0, :: or [::]");
            }
            return stripBrackets(explicit);
        }
        InetAddress bind = NetAddrs.parseIp(bindAddr);
        if (!NetAddrs.isAny(bind)) {
            return bindAddr;
        }
        // Bound to every interface: advertise the one address peers can reach, as Consul does.
        boolean v6 = bind.getAddress().length == 16;
        String kind = v6 ? "public IPv6" : "private IPv4";
        List<InetAddress> found = v6 ? host.publicIpv6() : host.privateIpv4();
        if (found.isEmpty()) {
            throw bad("bind_addr", "No " + kind + " address found to advertise; set 'advertise_addr' (-advertise)");
        }
        if (found.size() > 1) {
            throw bad("bind_addr", "Multiple " + kind + " addresses found. Please configure one with 'bind' and/or "
                    + "'advertise'.");
        }
        return found.get(0).getHostAddress();
    }

    private String address(String key, String dflt) throws ConfigException {
        String s = string(key, null);
        if (s == null) {
            return dflt;
        }
        if (s.contains("{{")) {
            throw bad(key, key + ": go-sockaddr templates are not supported, got " + ConfigNormalizer.describe(s));
        }
        if (s.strip().contains(" ")) {
            throw bad(key, key + ": only a single address is supported, got " + ConfigNormalizer.describe(s));
        }
        InetAddress a = NetAddrs.parseIp(s.strip());
        if (a == null) {
            throw bad(key, key + " must be an IP address, got " + ConfigNormalizer.describe(s));
        }
        return stripBrackets(s.strip());
    }

    private int port(String key, int dflt) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return dflt;
        }
        long p = (Long) v;
        if (p <= 0) {
            return -1; // Consul: zero or negative disables the listener
        }
        if (p > 65535) {
            throw bad(key, key + ": invalid port: " + p);
        }
        return (int) p;
    }

    private String logLevel() throws ConfigException {
        String raw = string("log_level", "info");
        String level = raw.toLowerCase(Locale.ROOT);
        level = switch (level) {
            case "warning" -> "warn";
            case "error" -> "err";
            default -> level;
        };
        if (!LOG_LEVELS.contains(level)) {
            throw bad("log_level", "invalid log level " + ConfigNormalizer.describe(raw)
                    + ": must be one of trace, debug, info, warn, err");
        }
        return level;
    }

    private List<String> recursors() throws ConfigException {
        try {
            return get("recursors") instanceof List<?> l ? Recursors.parse(l) : List.of();
        } catch (ConfigException e) {
            throw bad("recursors", e.getMessage());
        }
    }

    private String domain(String key, String dflt) throws ConfigException {
        String s = string(key, null);
        if (s == null) {
            return dflt;
        }
        String d = s.toLowerCase(Locale.ROOT);
        if (!d.endsWith(".")) {
            d = d + ".";
        }
        if (!DOMAIN.matcher(d).matches()) {
            throw bad(key, key + ": invalid domain " + ConfigNormalizer.describe(s));
        }
        return d;
    }

    // ---- access to the merged tree ----

    private Object get(String dotted) {
        Object cur = merged.result();
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }

    private boolean bool(String key, boolean dflt) {
        return get(key) instanceof Boolean b ? b : dflt;
    }

    private long number(String key, long dflt) {
        return get(key) instanceof Long n ? n : dflt;
    }

    private long positive(String key, long dflt) throws ConfigException {
        if (get(key) instanceof Long n) {
            if (n <= 0) {
                throw bad(key, key + " must be greater than zero, got " + n);
            }
            return n;
        }
        return dflt;
    }

    private long within(String key, long min, long max, long dflt) throws ConfigException {
        if (get(key) instanceof Long n) {
            if (n < min || n > max) {
                throw bad(key, key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        }
        return dflt;
    }

    private String string(String key, String dflt) {
        return get(key) instanceof String s ? s : dflt;
    }

    private Path path(String key) throws ConfigException {
        String s = string(key, null);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw bad(key, key + ": invalid path " + ConfigNormalizer.describe(s));
        }
    }

    private static String stripBrackets(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    private ConfigException bad(String key, String message) {
        String origin = merged.originOf(key);
        return new ConfigException(origin == null ? message : message + " (set by " + origin + ")");
    }
}
