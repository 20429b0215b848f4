package io.consulate.state.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A point-in-time copy of the catalog for snapshots: every row plus the indexes queries report. */
public record CatalogImage(
        @JsonProperty("Nodes") List<Node> nodes,
        @JsonProperty("Services") List<Service> services,
        @JsonProperty("Checks") List<Check> checks,
        @JsonProperty("ServiceIndex") Map<String, Long> serviceIndex,
        @JsonProperty("NodesIndex") long nodesIndex,
        @JsonProperty("ServicesIndex") long servicesIndex,
        @JsonProperty("ChecksIndex") long checksIndex) {

    public static final CatalogImage EMPTY = new CatalogImage(List.of(), List.of(), List.of(), Map.of(), 0, 0, 0);

    public CatalogImage {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
        serviceIndex = Map.copyOf(serviceIndex);
    }
}
