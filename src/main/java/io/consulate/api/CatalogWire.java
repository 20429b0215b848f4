package io.consulate.api;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog and health objects in Consul's exact JSON shapes (field names, order, empty arrays and
 * objects where Consul has them). Built as ordered maps: the shapes differ per endpoint while the stored
 * rows are the same.
 */
public final class CatalogWire {
    private CatalogWire() {}

    /** A node as catalog/nodes and health entries show it. */
    public static Map<String, Object> node(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", n.id());
        m.put("Node", n.node());
        m.put("Address", n.address());
        m.put("Datacenter", n.datacenter());
        m.put("TaggedAddresses", n.taggedAddresses());
        m.put("Meta", n.meta());
        m.put("CreateIndex", n.createIndex());
        m.put("ModifyIndex", n.modifyIndex());
        return m;
    }

    /** A service as agent/services, catalog/node and health entries show it (Consul's AgentService). */
    public static Map<String, Object> service(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", s.id());
        m.put("Service", s.service());
        m.put("Tags", s.tags());
        m.put("Address", s.address());
        if (!s.taggedAddresses().isEmpty()) {
            m.put("TaggedAddresses", s.taggedAddresses());
        }
        m.put("Meta", s.meta());
        m.put("Port", s.port());
        m.put("Weights", weights(s));
        m.put("EnableTagOverride", s.enableTagOverride());
        if (!s.kind().isEmpty()) {
            m.put("Kind", s.kind());
        }
        m.put("CreateIndex", s.createIndex());
        m.put("ModifyIndex", s.modifyIndex());
        return m;
    }

    /** One catalog/service row: node fields flattened with Service-prefixed instance fields. */
    public static Map<String, Object> serviceNode(Node n, Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", n.id());
        m.put("Node", n.node());
        m.put("Address", n.address());
        m.put("Datacenter", n.datacenter());
        m.put("TaggedAddresses", n.taggedAddresses());
        m.put("NodeMeta", n.meta());
        m.put("ServiceKind", s.kind());
        m.put("ServiceID", s.id());
        m.put("ServiceName", s.service());
        m.put("ServiceTags", s.tags());
        m.put("ServiceAddress", s.address());
        m.put("ServiceTaggedAddresses", s.taggedAddresses());
        m.put("ServiceWeights", weights(s));
        m.put("ServiceMeta", s.meta());
        m.put("ServicePort", s.port());
        m.put("ServiceEnableTagOverride", s.enableTagOverride());
        m.put("ServiceProxy", Map.of("Mode", "", "MeshGateway", Map.of(), "Expose", Map.of()));
        m.put("ServiceConnect", Map.of());
        m.put("CreateIndex", s.createIndex());
        m.put("ModifyIndex", s.modifyIndex());
        return m;
    }

    /** A health check (Consul's HealthCheck). */
    public static Map<String, Object> check(Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Node", c.node());
        m.put("CheckID", c.checkId());
        m.put("Name", c.name());
        m.put("Status", c.status());
        m.put("Notes", c.notes());
        m.put("Output", c.output());
        m.put("ServiceID", c.serviceId());
        m.put("ServiceName", c.serviceName());
        m.put("ServiceTags", c.serviceTags());
        m.put("Type", c.type());
        m.put("Definition", c.definition());
        m.put("CreateIndex", c.createIndex());
        m.put("ModifyIndex", c.modifyIndex());
        return m;
    }

    /** One health/service entry. */
    public static Map<String, Object> healthEntry(Node n, Service s, List<Check> checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Node", node(n));
        m.put("Service", service(s));
        m.put("Checks", checks.stream().map(CatalogWire::check).toList());
        return m;
    }

    private static Map<String, Integer> weights(Service s) {
        return Map.of("Passing", s.weights().getOrDefault("Passing", 1), "Warning", s.weights().getOrDefault("Warning", 1));
    }
}
