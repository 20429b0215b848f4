// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-service DNS TTLs from {@code dns_config.service_ttl}: an exact service name wins, then the longest
 * {@code prefix*} entry ({@code "*"} alone matches every service), as Consul resolves them.
 *
 * <p>Why a type of its own: the lookup runs on every service answer, so the entries are sorted once here
 * (longest prefix first) instead of being searched as a raw map per query. Names compare case-insensitively,
 * as DNS names do.
 *
 * @param exact    lower-cased service name to TTL
 * @param prefixes prefix entries, longest prefix first
 */
public record ServiceTtls(Map<String, Duration> exact, List<Prefix> prefixes) {

    /** No {@code service_ttl} entries: every service falls back to {@code node_ttl}. */
    public static final ServiceTtls NONE = new ServiceTtls(Map.of(), List.of());

    /** One {@code "prefix*"} entry; the prefix is lower-cased and may be empty (the {@code "*"} entry). */
    public record Prefix(String prefix, Duration ttl) {}

    public ServiceTtls {
        exact = Map.copyOf(exact);
        prefixes = List.copyOf(prefixes);
    }

    /** Builds the table from Consul's map form, for example {@code {"*": 5s, "db-*": 30s, "web": 10s}}. */
    public static ServiceTtls of(Map<String, Duration> entries) {
        Map<String, Duration> exact = new LinkedHashMap<>();
        List<Prefix> prefixes = new ArrayList<>();
        entries.forEach((key, ttl) -> {
            String k = key.toLowerCase(Locale.ROOT);
            if (k.endsWith("*")) {
                prefixes.add(new Prefix(k.substring(0, k.length() - 1), ttl));
            } else {
                exact.put(k, ttl);
            }
        });
        prefixes.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
        return new ServiceTtls(exact, prefixes);
    }

    /** The configured TTL of a service, or empty when no entry matches. */
    public Optional<Duration> lookup(String service) {
        String s = service.toLowerCase(Locale.ROOT);
        Duration d = exact.get(s);
        if (d != null) {
            return Optional.of(d);
        }
        for (Prefix p : prefixes) {
            if (s.startsWith(p.prefix())) {
                return Optional.of(p.ttl());
            }
        }
        return Optional.empty();
    }
}
