package io.consulate.state.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * A catalog node: Consul's Node fields. Names are matched case-insensitively ({@link #key()}), as
 * Consul's memdb indexes them lower-cased.
 */
public record Node(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public Node {
        Objects.requireNonNull(node, "node");
        id = id == null ? "" : id;
        address = address == null ? "" : address;
        datacenter = datacenter == null ? "" : datacenter;
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public String key() {
        return Catalog.key(node);
    }

    boolean sameContent(Node o) {
        return id.equals(o.id) && node.equals(o.node) && address.equals(o.address)
                && datacenter.equals(o.datacenter) && taggedAddresses.equals(o.taggedAddresses) && meta.equals(o.meta);
    }

    Node withIndexes(long create, long modify) {
        return new Node(id, node, address, datacenter, taggedAddresses, meta, create, modify);
    }
}
