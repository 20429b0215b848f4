// SPDX-License-Identifier: Apache-2.0
package io.consulate.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Realistic JSON-shaped items as Consul's endpoints return them, built by hand so tests read like the wire. */
final class Items {

    private Items() {}

    /** One {@code /v1/health/service/web} entry: node, service and both the node and the service check. */
    static Map<String, Object> healthEntry() {
        return Map.of(
                "Node", Map.of("Node", "n1", "Address", "10.0.0.1", "Datacenter", "dc1", "Meta", Map.of("rack", "r1")),
                "Service", Map.of(
                        "ID", "web-1",
                        "Service", "web",
                        "Tags", List.of("v1", "primary"),
                        "Meta", Map.of("version", "2"),
                        "Port", 8080,
                        "Address", "",
                        "EnableTagOverride", false,
                        "Weights", Map.of("Passing", 1, "Warning", 1)),
                "Checks", List.of(
                        Map.of("CheckID", "serfHealth", "Status", "passing", "ServiceTags", List.of()),
                        Map.of("CheckID", "service:web-1", "Status", "critical", "ServiceTags", List.of("v1"))));
    }

    /** A health entry whose checks are the given statuses, in order. */
    static Map<String, Object> healthEntryWithChecks(String... statuses) {
        List<Object> checks = List.of(statuses).stream().<Object>map(s -> Map.of("Status", s)).toList();
        return Map.of("Service", Map.of("Service", "web"), "Checks", checks);
    }

    /** One {@code /v1/catalog/service/api-internal} entry (flat, with NodeMeta and ServiceTags). */
    static Map<String, Object> catalogEntry() {
        Map<String, Object> m = new HashMap<>();
        m.put("ID", "b4f64e8c-5c7d-11e9-bf68-8c8590bd0966");
        m.put("Node", "node-1");
        m.put("Address", "198.18.0.1");
        m.put("Datacenter", "dc1");
        m.put("TaggedAddresses", null);
        m.put("NodeMeta", Map.of("agent", "true", "arch", "i386", "os", "darwin", "rack name", "r 7"));
        m.put("ServiceKind", "");
        m.put("ServiceID", "api-internal");
        m.put("ServiceName", "api-internal");
        m.put("ServiceTags", List.of("tag"));
        m.put("ServiceAddress", "");
        m.put("ServiceWeights", Map.of("Passing", 1, "Warning", 1));
        m.put("ServiceMeta", Map.of("environment", "qa"));
        m.put("ServicePort", 9090);
        m.put("ServiceEnableTagOverride", false);
        m.put("CreateIndex", 30L);
        m.put("ModifyIndex", 30L);
        return m;
    }

    /** Values of the {@code /v1/agent/services} map from Consul's filtering documentation. */
    static List<Map<String, Object>> agentServices() {
        return List.of(
                agentService("redis1", List.of("primary", "production"), Map.of("env", "production", "foo", "bar"), 1234),
                agentService("redis2", List.of("secondary", "production"), Map.of("env", "production", "foo", "bar"), 1235),
                agentService("redis3", List.of("primary", "qa"), Map.of("env", "qa"), 1234));
    }

    private static Map<String, Object> agentService(String id, List<String> tags, Map<String, String> meta, int port) {
        return Map.of("ID", id, "Service", "redis", "Tags", tags, "Meta", meta, "Port", port, "Address", "",
                "Weights", Map.of("Passing", 1, "Warning", 1), "EnableTagOverride", false);
    }
}
