// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every key a Consul agent config file may contain, with its value type and whether Consulate acts on it.
 *
 * <p>Why a table: Consul rejects unknown keys ("invalid config key"), so a typo must fail here too, while every
 * key Consul really has must be accepted so existing config files load unchanged. Keys we accept but do not act
 * on are reported once at start-up ({@link AgentConfig#ignoredKeys()}). Blocks we act on ({@code ports},
 * {@code addresses}, {@code limits}, {@code dns_config}, {@code ui_config}) have their sub-keys validated; blocks
 * we do not act on ({@code acl}, {@code telemetry}, {@code tls}, ...) are accepted whole without looking inside.
 * The names come from Consul's documented agent configuration reference (they are its public interface); the
 * few Consulate extensions ({@code limits.txn_max_ops}, {@code kv_max_value_size} at the top level) are marked
 * where they are declared.
 */
final class ConfigSchema {

    /** The shape of a value. */
    enum Kind {
        /** A string. */
        STRING,
        /** A boolean, also "true"/"false" as a string. */
        BOOL,
        /** A 32-bit integer, also as a numeric string. */
        INT,
        /** A non-negative 64-bit integer, also as a numeric string. */
        UINT,
        /** A floating-point number, also as a numeric string. */
        FLOAT,
        /** A Go duration string such as "10s". */
        DURATION,
        /** A list of strings. */
        STRING_LIST,
        /** An object whose values are all strings. */
        STRING_MAP,
        /** An object whose values are all Go duration strings. */
        DURATION_MAP,
        /** Anything at all. */
        ANY,
        /** An object whose keys are validated against {@link Spec#children()}. */
        BLOCK,
        /** An object whose contents are accepted without validation. */
        OPAQUE,
        /** One object or a list of objects, kept raw (service, check, watches). */
        OBJECT_LIST
    }

    /**
     * One key's rules.
     *
     * @param kind     the value's shape
     * @param acted    whether Consulate acts on it (false: accepted and reported as ignored)
     * @param children for {@link Kind#BLOCK}, the allowed sub-keys; empty otherwise
     */
    record Spec(Kind kind, boolean acted, Map<String, Spec> children) {
    }

    /** The top-level keys. */
    static final Map<String, Spec> TOP;

    private ConfigSchema() {
    }

    /** Finds a key's spec, matching exactly first and then ignoring case, as Consul's decoder does. */
    static Map.Entry<String, Spec> lookup(Map<String, Spec> specs, String key) {
        Spec exact = specs.get(key);
        if (exact != null) {
            return Map.entry(key, exact);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        Spec folded = specs.get(lower);
        return folded == null ? null : Map.entry(lower, folded);
    }

    private static Spec acted(Kind kind) {
        return new Spec(kind, true, Map.of());
    }

    private static Spec ignored(Kind kind) {
        return new Spec(kind, false, Map.of());
    }

    private static Spec block(Map<String, Spec> children) {
        return new Spec(Kind.BLOCK, true, Collections.unmodifiableMap(children));
    }

    private static void ignoredAll(Map<String, Spec> m, Kind kind, String... names) {
        for (String n : names) {
            m.put(n, ignored(kind));
        }
    }

    static {
        Map<String, Spec> top = new LinkedHashMap<>();
        // ---- acted on ----
        for (String k : new String[] {"server", "bootstrap", "log_json", "ui", "enable_script_checks",
                "enable_local_script_checks"}) {
            top.put(k, acted(Kind.BOOL));
        }
        for (String k : new String[] {"datacenter", "node_name", "node_id", "data_dir", "client_addr", "bind_addr",
                "advertise_addr", "pid_file", "log_level", "domain", "alt_domain"}) {
            top.put(k, acted(Kind.STRING));
        }
        top.put("bootstrap_expect", acted(Kind.INT));
        top.put("node_meta", acted(Kind.STRING_MAP));
        top.put("recursors", acted(Kind.STRING_LIST));
        top.put("session_ttl_min", acted(Kind.DURATION));
        top.put("check_update_interval", acted(Kind.DURATION));
        top.put("kv_max_value_size", acted(Kind.UINT)); // Consulate: also accepted outside "limits"
        for (String k : new String[] {"service", "services", "check", "checks", "watches"}) {
            top.put(k, acted(Kind.OBJECT_LIST));
        }
        top.put("ports", block(ports()));
        top.put("addresses", block(addresses()));
        top.put("limits", block(limits()));
        top.put("dns_config", block(dnsConfig()));
        top.put("ui_config", block(uiConfig()));

        // ---- accepted, not acted on ----
        ignoredAll(top, Kind.STRING, "advertise_addr_ipv4", "advertise_addr_ipv6", "advertise_addr_wan",
                "advertise_addr_wan_ipv4", "advertise_addr_wan_ipv6", "ca_file", "ca_path", "cert_file", "key_file",
                "encrypt", "license_path", "log_file", "primary_datacenter", "serf_lan", "serf_wan", "server_name",
                "syslog_facility", "tls_cipher_suites", "tls_min_version", "ui_content_path", "ui_dir", "segment",
                "partition", "acl_agent_master_token", "acl_agent_token", "acl_token", "acl_master_token",
                "acl_replication_token", "acl_datacenter", "acl_default_policy", "acl_down_policy", "revision",
                "version", "version_prerelease", "version_metadata");
        ignoredAll(top, Kind.DURATION, "advertise_reconnect_timeout", "default_query_time",
                "discovery_max_stale", "log_rotate_duration", "max_query_time", "primary_gateways_interval",
                "raft_snapshot_interval", "reconnect_timeout", "reconnect_timeout_wan", "retry_interval",
                "retry_interval_wan", "acl_ttl", "ae_interval", "check_deregister_interval_min", "check_reap_interval",
                "sync_coordinate_interval_min", "license_poll_base_time", "license_poll_max_time",
                "license_update_base_time", "license_update_max_time");
        ignoredAll(top, Kind.BOOL, "disable_anonymous_signature", "disable_coordinates", "disable_host_node_id",
                "disable_http_unprintable_char_filter", "disable_keyring_file", "disable_remote_exec",
                "disable_update_check", "discard_check_output", "enable_agent_tls_for_checks",
                "enable_central_service_config", "enable_debug", "enable_syslog", "encrypt_verify_incoming",
                "encrypt_verify_outgoing", "leave_on_terminate", "rejoin_after_leave", "auto_reload_config",
                "skip_leave_on_interrupt", "translate_wan_addrs", "use_streaming_backend", "read_replica",
                "non_voting_server", "acl_enable_key_list_policy", "enable_acl_replication", "acl_enforce_version_8",
                "verify_incoming", "verify_incoming_https", "verify_incoming_rpc", "verify_outgoing",
                "verify_server_hostname", "tls_prefer_server_cipher_suites");
        ignoredAll(top, Kind.INT, "check_output_max_size", "log_rotate_bytes", "log_rotate_max_files", "protocol",
                "raft_protocol", "raft_snapshot_threshold", "raft_trailing_logs", "retry_max", "retry_max_wan",
                "segment_limit", "segment_name_limit");
        ignoredAll(top, Kind.FLOAT, "sync_coordinate_rate_target");
        ignoredAll(top, Kind.STRING_LIST, "primary_gateways", "retry_join_wan",
                "serf_lan_allowed_cidrs", "serf_wan_allowed_cidrs", "start_join_wan", "experiments");
        top.put("retry_join", acted(Kind.STRING_LIST));
        top.put("start_join", acted(Kind.STRING_LIST));
        ignoredAll(top, Kind.STRING_MAP, "tagged_addresses", "log_sublevels");
        ignoredAll(top, Kind.OPAQUE, "acl", "audit", "auto_config", "auto_encrypt", "autopilot", "cache", "cloud",
                "config_entries", "connect", "consul", "gossip_lan", "gossip_wan", "http_config", "locality",
                "peering", "performance", "raft_boltdb", "raft_logstore", "reporting", "rpc", "snapshot_agent",
                "telemetry", "tls", "unix_sockets", "xds");
        ignoredAll(top, Kind.ANY, "segments", "build_date");
        TOP = Collections.unmodifiableMap(top);
    }

    private static Map<String, Spec> ports() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("http", acted(Kind.INT));
        m.put("dns", acted(Kind.INT));
        m.put("server", acted(Kind.INT));
        ignoredAll(m, Kind.INT, "https", "serf_lan", "serf_wan", "grpc", "grpc_tls", "proxy_min_port",
                "proxy_max_port", "sidecar_min_port", "sidecar_max_port", "expose_min_port", "expose_max_port");
        return m;
    }

    private static Map<String, Spec> addresses() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("http", acted(Kind.STRING));
        m.put("dns", acted(Kind.STRING));
        ignoredAll(m, Kind.STRING, "https", "grpc", "grpc_tls");
        return m;
    }

    private static Map<String, Spec> limits() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("http_max_conns_per_client", acted(Kind.INT));
        m.put("kv_max_value_size", acted(Kind.UINT));
        m.put("txn_max_req_len", acted(Kind.UINT));
        m.put("txn_max_ops", acted(Kind.INT)); // Consulate extension: Consul's op count is a constant
        ignoredAll(m, Kind.DURATION, "https_handshake_timeout", "rpc_client_timeout", "rpc_handshake_timeout");
        ignoredAll(m, Kind.INT, "rpc_max_burst", "rpc_max_conns_per_client");
        ignoredAll(m, Kind.FLOAT, "rpc_rate");
        ignoredAll(m, Kind.OPAQUE, "request_limits");
        return m;
    }

    private static Map<String, Spec> dnsConfig() {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (String k : new String[] {"allow_stale", "disable_compression", "enable_truncate", "only_passing",
                "enable_additional_node_meta_txt", "use_cache"}) {
            m.put(k, acted(Kind.BOOL));
        }
        for (String k : new String[] {"max_stale", "node_ttl", "recursor_timeout", "cache_max_age"}) {
            m.put(k, acted(Kind.DURATION));
        }
        m.put("a_record_limit", acted(Kind.INT));
        m.put("udp_answer_limit", acted(Kind.INT));
        m.put("recursor_strategy", acted(Kind.STRING));
        m.put("service_ttl", acted(Kind.DURATION_MAP));
        Map<String, Spec> soa = new LinkedHashMap<>();
        for (String k : new String[] {"refresh", "retry", "expire", "min_ttl"}) {
            soa.put(k, acted(Kind.UINT));
        }
        m.put("soa", block(soa));
        m.put("prefer_namespace", ignored(Kind.BOOL)); // Consul Enterprise only
        return m;
    }

    private static Map<String, Spec> uiConfig() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("enabled", acted(Kind.BOOL));
        ignoredAll(m, Kind.STRING, "dir", "content_path", "metrics_provider", "metrics_provider_options_json");
        ignoredAll(m, Kind.STRING_LIST, "metrics_provider_files");
        ignoredAll(m, Kind.STRING_MAP, "dashboard_url_templates");
        ignoredAll(m, Kind.OPAQUE, "metrics_proxy");
        return m;
    }
}
