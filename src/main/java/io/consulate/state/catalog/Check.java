package io.consulate.state.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A health check in the catalog (Consul's HealthCheck). A check with an empty {@link #serviceId} is a
 * node-level check and affects every service on its node.
 *
 * @param status {@code passing}, {@code warning} or {@code critical}
 */
public record Check(
        @JsonProperty("Node") String node,
        @JsonProperty("CheckID") String checkId,
        @JsonProperty("Name") String name,
        @JsonProperty("Status") String status,
        @JsonProperty("Notes") String notes,
        @JsonProperty("Output") String output,
        @JsonProperty("ServiceID") String serviceId,
        @JsonProperty("ServiceName") String serviceName,
        @JsonProperty("ServiceTags") List<String> serviceTags,
        @JsonProperty("Type") String type,
        @JsonProperty("Definition") Map<String, Object> definition,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String PASSING = "passing";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public Check {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(checkId, "checkId");
        name = name == null ? "" : name;
        status = status == null || status.isEmpty() ? CRITICAL : status;
        notes = notes == null ? "" : notes;
        output = output == null ? "" : output;
        serviceId = serviceId == null ? "" : serviceId;
        serviceName = serviceName == null ? "" : serviceName;
        serviceTags = serviceTags == null ? List.of() : List.copyOf(serviceTags);
        type = type == null ? "" : type;
        definition = definition == null ? Map.of() : Map.copyOf(definition);
    }

    public boolean isNodeCheck() {
        return serviceId.isEmpty();
    }

    /** True when everything but the Raft indexes is equal. */
    public boolean sameContent(Check o) {
        return node.equals(o.node) && checkId.equals(o.checkId) && name.equals(o.name) && status.equals(o.status)
                && notes.equals(o.notes) && output.equals(o.output) && serviceId.equals(o.serviceId)
                && serviceName.equals(o.serviceName) && serviceTags.equals(o.serviceTags) && type.equals(o.type)
                && definition.equals(o.definition);
    }

    /** The same check with another status and output. */
    public Check withStatus(String status, String output) {
        return new Check(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags, type,
                definition, createIndex, modifyIndex);
    }

    Check withIndexes(long create, long modify) {
        return new Check(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags, type,
                definition, create, modify);
    }

    /** The same check on a node with the given service name and tags, indexes cleared. */
    public Check onNodeNamed(String nodeName, String svcName, List<String> svcTags) {
        return new Check(nodeName, checkId, name, status, notes, output, serviceId, svcName, svcTags, type,
                definition, 0, 0);
    }

    /** The same check bound to a node and its service's current name and tags. */
    Check bound(String nodeName, Service svc) {
        return new Check(nodeName, checkId, name, status, notes, output, serviceId,
                svc == null ? serviceName : svc.service(), svc == null ? serviceTags : svc.tags(), type,
                definition, createIndex, modifyIndex);
    }
}
