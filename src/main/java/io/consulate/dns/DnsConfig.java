// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.agent.config.AgentConfig;
import io.consulate.agent.config.Durations;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the DNS interface needs, typed and defaulted: where to listen, which zone to answer for, and
 * Consul's {@code dns_config} block. Built once at start-up by {@link #from(AgentConfig)}.
 *
 * <p>Why typed: the answer path reads these values on every query, so strings, Go durations and nested maps
 * are parsed here once and never per packet. Defaults are Consul's, with one deliberate difference:
 * {@code enable_truncate} defaults to {@code true}, because an answer cut without the TC bit is silently
 * wrong (Consul issue #17 in our inventory). Answers that do not fit a UDP datagram always carry TC; this flag
 * only decides whether dropping answers to honour {@code udp_answer_limit} sets it too.
 *
 * @param bindAddress      IP literal to bind UDP and TCP to ({@code addresses.dns})
 * @param port             UDP and TCP port; 0 picks a free one (tests), -1 means DNS is disabled
 * @param domain           primary zone, lower case with a trailing dot ({@code domain}, default {@code consul.})
 * @param altDomain        second zone answered the same way ({@code alt_domain}), or null
 * @param datacenter       this agent's datacenter, the only one this server answers for
 * @param nodeName         this agent's node name (NS fallback when no server is registered)
 * @param recursors        upstream resolvers for names outside the zone; empty means REFUSED for them
 * @param recursorStrategy order in which recursors are tried
 * @param recursorTimeout  per-recursor timeout ({@code recursor_timeout}, default 2s)
 * @param allowStale       {@code allow_stale}; answers always come from the local store, so this is kept
 *                         for reporting only
 * @param nodeTtl          TTL of node, addr and NS records ({@code node_ttl}, default 0)
 * @param serviceTtls      {@code service_ttl}; a service without an entry uses {@code node_ttl}
 * @param onlyPassing      drop instances with a warning check too ({@code only_passing})
 * @param udpAnswerLimit   most answers in a UDP reply to a query without EDNS ({@code udp_answer_limit},
 *                         default 3; 0 means limited by size only)
 * @param aRecordLimit     most A/AAAA records in a service answer ({@code a_record_limit}, 0 = unlimited)
 * @param enableTruncate   set TC when {@code udp_answer_limit} drops answers
 * @param nodeMetaTxt      add node meta as TXT to A/AAAA/SRV answers ({@code enable_additional_node_meta_txt})
 * @param soa              the zone's SOA timers
 */
public record DnsConfig(
        String bindAddress, int port,
        String domain, String altDomain,
        String datacenter, String nodeName,
        List<InetSocketAddress> recursors, RecursorStrategy recursorStrategy, Duration recursorTimeout,
        boolean allowStale,
        Duration nodeTtl, ServiceTtls serviceTtls,
        boolean onlyPassing,
        int udpAnswerLimit, int aRecordLimit,
        boolean enableTruncate, boolean nodeMetaTxt,
        Soa soa) {

    /** How recursors are tried: in configured order, or in a fresh random order per query. */
    public enum RecursorStrategy { SEQUENTIAL, RANDOM }

    /** SOA timers in seconds; {@code minTtl} is also the TTL of negative answers (RFC 2308). */
    public record Soa(long refresh, long retry, long expire, long minTtl) {
        /** Consul's defaults: 3600, 600, 86400, 0. */
        public static final Soa DEFAULT = new Soa(3600, 600, 86400, 0);

        public Soa {
            for (long v : new long[] {refresh, retry, expire, minTtl}) {
                if (v < 0 || v > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("dns_config.soa values must fit in 32 bits unsigned: " + v);
                }
            }
        }
    }

    public DnsConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        domain = normalizeDomain(Objects.requireNonNull(domain, "domain"));
        altDomain = altDomain == null || altDomain.isBlank() ? null : normalizeDomain(altDomain);
        datacenter = Objects.requireNonNull(datacenter, "datacenter").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(nodeName, "nodeName");
        recursors = List.copyOf(recursors);
        Objects.requireNonNull(recursorStrategy, "recursorStrategy");
        Objects.requireNonNull(recursorTimeout, "recursorTimeout");
        Objects.requireNonNull(nodeTtl, "nodeTtl");
        Objects.requireNonNull(serviceTtls, "serviceTtls");
        Objects.requireNonNull(soa, "soa");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("DNS port out of range: " + port);
        }
        if (udpAnswerLimit < 0 || aRecordLimit < 0) {
            throw new IllegalArgumentException("dns_config.udp_answer_limit and a_record_limit must not be negative");
        }
        if (recursorTimeout.isNegative() || recursorTimeout.isZero()) {
            throw new IllegalArgumentException("dns_config.recursor_timeout must be positive");
        }
    }

    /** The agent's DNS settings: {@code addresses.dns}, {@code ports.dns}, domains, recursors, dns_config. */
    public static DnsConfig from(AgentConfig agent) {
        return of(agent.dnsAddr(), agent.dnsPort(), agent.domain(), agent.altDomain(), agent.datacenter(),
                agent.nodeName(), agent.recursors(), agent.dnsConfig());
    }

    /**
     * Builds the typed settings from Consul's raw forms: recursors as {@code ip}, {@code ip:port} or
     * {@code [ipv6]:port}, and the {@code dns_config} block with Go duration strings.
     *
     * @throws IllegalArgumentException naming the offending key when a value is unusable
     */
    public static DnsConfig of(String bindAddress, int port, String domain, String altDomain, String datacenter,
            String nodeName, List<String> recursors, Map<String, Object> dnsConfig) {
        Map<String, Object> c = dnsConfig == null ? Map.of() : dnsConfig;
        List<InetSocketAddress> ups = new ArrayList<>();
        for (String r : recursors) {
            ups.add(recursorAddress(r));
        }
        Map<String, Duration> ttls = new LinkedHashMap<>();
        if (c.get("service_ttl") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> ttls.put(String.valueOf(k), duration(v, "dns_config.service_ttl." + k)));
        }
        return new DnsConfig(bindAddress, port, domain, altDomain, datacenter, nodeName, ups,
                strategy(c.get("recursor_strategy")),
                durationOr(c, "recursor_timeout", Duration.ofSeconds(2)),
                bool(c, "allow_stale", true),
                durationOr(c, "node_ttl", Duration.ZERO),
                ServiceTtls.of(ttls),
                bool(c, "only_passing", false),
                (int) integer(c, "udp_answer_limit", 3),
                (int) integer(c, "a_record_limit", 0),
                bool(c, "enable_truncate", true),
                bool(c, "enable_additional_node_meta_txt", true),
                soa(c.get("soa")));
    }

    /** TTL in whole seconds of node, addr and NS records. */
    public long nodeTtlSeconds() {
        return seconds(nodeTtl);
    }

    /** TTL in whole seconds of a service's records: its {@code service_ttl} entry, else {@code node_ttl}. */
    public long serviceTtlSeconds(String service) {
        return serviceTtls.lookup(service).map(DnsConfig::seconds).orElse(seconds(nodeTtl));
    }

    private static long seconds(Duration d) {
        return Math.max(0, Math.min(d.getSeconds(), Integer.MAX_VALUE));
    }

    private static String normalizeDomain(String d) {
        String s = d.trim().toLowerCase(Locale.ROOT);
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || s.equals(".")) {
            throw new IllegalArgumentException("DNS domain must not be the root zone");
        }
        return s.endsWith(".") ? s : s + ".";
    }

    private static RecursorStrategy strategy(Object v) {
        if (v == null) {
            return RecursorStrategy.SEQUENTIAL;
        }
        return switch (String.valueOf(v).toLowerCase(Locale.ROOT)) {
            case "sequential", "" -> RecursorStrategy.SEQUENTIAL;
            case "random" -> RecursorStrategy.RANDOM;
            default -> throw new IllegalArgumentException(
                    "dns_config.recursor_strategy must be \"sequential\" or \"random\", not \"" + v + "\"");
        };
    }

    static InetSocketAddress recursorAddress(String r) {
        String host = r.trim();
        int port = 53;
        if (host.startsWith("[") && host.contains("]")) {
            int close = host.indexOf(']');
            String rest = host.substring(close + 1);
            host = host.substring(1, close);
            if (rest.startsWith(":")) {
                port = recursorPort(r, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw badRecursor(r);
            }
        } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = recursorPort(r, host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(host);
        if (ip == null || ip.isAnyLocalAddress()) {
            throw badRecursor(r);
        }
        return new InetSocketAddress(ip, port);
    }

    private static int recursorPort(String r, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRecursor(r);
    }

    private static IllegalArgumentException badRecursor(String r) {
        return new IllegalArgumentException("recursors: \"" + r + "\" is not an IP address with an optional port");
    }

    private static Soa soa(Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> one) {
            one.forEach((k, x) -> m.put(String.valueOf(k), x));
        } else if (v instanceof List<?> blocks) { // HCL may repeat a block; later values win
            for (Object b : blocks) {
                if (b instanceof Map<?, ?> one) {
                    one.forEach((k, x) -> m.put(String.valueOf(k), x));
                }
            }
        }
        Soa d = Soa.DEFAULT;
        return new Soa(integer(m, "refresh", d.refresh()), integer(m, "retry", d.retry()),
                integer(m, "expire", d.expire()), integer(m, "min_ttl", d.minTtl()));
    }

    private static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v);
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("dns_config." + key + " must be a boolean, not \"" + v + "\"");
    }

    private static long integer(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dns_config." + key + " must be an integer, not \"" + v + "\"");
        }
    }

    private static Duration durationOr(Map<String, Object> m, String key, Duration dflt) {
        Object v = m.get(key);
        return v == null ? dflt : duration(v, "dns_config." + key);
    }

    private static Duration duration(Object v, String key) {
        try {
            return Durations.parseGo(String.valueOf(v).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a duration such as \"10s\": \"" + v + "\"", e);
        }
    }
}
