package io.consulate.state.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service instance registered on a node (Consul's NodeService). The instance is identified by
 * (node, {@link #id}); {@link #service} is the name discovery looks up.
 *
 * @param weights {@code {"Passing":n,"Warning":n}}
 */
public record Service(
        @JsonProperty("Node") String node,
        @JsonProperty("Kind") String kind,
        @JsonProperty("ID") String id,
        @JsonProperty("Service") String service,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonProperty("TaggedAddresses") Map<String, Map<String, Object>> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Port") int port,
        @JsonProperty("Weights") Map<String, Integer> weights,
        @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public Service {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(service, "service");
        kind = kind == null ? "" : kind;
        id = id == null || id.isEmpty() ? service : id;
        tags = tags == null ? List.of() : List.copyOf(tags);
        address = address == null ? "" : address;
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        weights = weights == null || weights.isEmpty() ? Map.of("Passing", 1, "Warning", 1) : Map.copyOf(weights);
    }

    /** True when everything but the Raft indexes is equal. */
    public boolean sameContent(Service o) {
        return node.equals(o.node) && kind.equals(o.kind) && id.equals(o.id) && service.equals(o.service)
                && tags.equals(o.tags) && address.equals(o.address) && taggedAddresses.equals(o.taggedAddresses)
                && meta.equals(o.meta) && port == o.port && weights.equals(o.weights)
                && enableTagOverride == o.enableTagOverride;
    }

    Service withIndexes(long create, long modify) {
        return new Service(node, kind, id, service, tags, address, taggedAddresses, meta, port, weights,
                enableTagOverride, create, modify);
    }

    /** The same instance placed on a node, indexes cleared (as a registration carries it). */
    public Service onNodeNamed(String nodeName) {
        return new Service(nodeName, kind, id, service, tags, address, taggedAddresses, meta, port, weights,
                enableTagOverride, 0, 0);
    }

    Service onNode(String nodeName) {
        return new Service(nodeName, kind, id, service, tags, address, taggedAddresses, meta, port, weights,
                enableTagOverride, createIndex, modifyIndex);
    }
}
