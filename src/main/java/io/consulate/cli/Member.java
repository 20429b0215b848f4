// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One gossip member as {@code /v1/agent/members} reports it.
 *
 * @param tags   the member's gossip tags ({@code role}, {@code dc}, {@code build}, {@code vsn}, ...), sorted
 * @param status Serf's member status code: 1 alive, 2 leaving, 3 left, 4 failed
 */
record Member(String name, String addr, int port, Map<String, String> tags, int status) {
    static final String ROLE_SERVER = "consul";
    static final String ROLE_CLIENT = "node";

    /** Consul's order: servers first, then the default partition, then by segment, partition and name. */
    static final Comparator<Member> CONSUL_ORDER = Comparator
            .comparing((Member m) -> !ROLE_SERVER.equals(m.tag("role")))
            .thenComparing(m -> !isDefaultPartition(m.tag("ap")))
            .thenComparing(m -> m.tag("segment"))
            .thenComparing(m -> m.tag("ap"))
            .thenComparing(Member::name);

    Member {
        tags = Map.copyOf(tags);
    }

    static Member fromJson(JsonNode n) {
        Map<String, String> tags = new TreeMap<>();
        n.path("Tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new Member(n.path("Name").asText(), n.path("Addr").asText(), n.path("Port").asInt(), tags,
                n.path("Status").asInt());
    }

    /** A tag's value, {@code ""} when absent. */
    String tag(String key) {
        return tags.getOrDefault(key, "");
    }

    /** The tags sorted by key, as {@code -detailed} prints them. */
    Map<String, String> sortedTags() {
        return new TreeMap<>(tags);
    }

    /**
     * The tags Consul displays: partition {@code default} when unset, and in the default partition segment
     * {@code <all>} for servers when listing all segments or {@code <default>} when unset; other partitions
     * show no segment.
     */
    Member withDisplayTags(boolean allSegments) {
        Map<String, String> t = new TreeMap<>(tags);
        if (t.getOrDefault("ap", "").isEmpty()) {
            t.put("ap", "default");
        }
        if (isDefaultPartition(t.get("ap"))) {
            if (allSegments && ROLE_SERVER.equals(t.get("role"))) {
                t.put("segment", "<all>");
            } else if (t.getOrDefault("segment", "").isEmpty()) {
                t.put("segment", "<default>");
            }
        } else {
            t.put("segment", "");
        }
        return new Member(name, addr, port, t, status);
    }

    /** Serf's name for the status code. */
    String statusName() {
        return switch (status) {
            case 0 -> "none";
            case 1 -> "alive";
            case 2 -> "leaving";
            case 3 -> "left";
            case 4 -> "failed";
            default -> "unknown";
        };
    }

    /** {@code ip:port} as Go prints a TCP address: IPv6 in brackets, and no host if Addr is not an IP. */
    String address() {
        if (addr.contains(":")) {
            return "[" + addr + "]:" + port;
        }
        return (addr.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? addr : "") + ":" + port;
    }

    private static boolean isDefaultPartition(String partition) {
        return partition.isEmpty() || partition.equals("default");
    }
}
