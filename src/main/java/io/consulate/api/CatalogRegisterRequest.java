package io.consulate.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /v1/catalog/register} as clients send it (any key case, snake_case accepted,
 * unknown keys such as kiwiproject's {@code WriteRequest} ignored).
 */
public record CatalogRegisterRequest(
        @JsonProperty("ID") String id,
        @JsonProperty("Node") String node,
        @JsonProperty("Address") String address,
        @JsonProperty("Datacenter") String datacenter,
        @JsonProperty("TaggedAddresses") Map<String, String> taggedAddresses,
        @JsonProperty("NodeMeta") Map<String, String> nodeMeta,
        @JsonProperty("Service") ServiceBody service,
        @JsonProperty("Check") CheckBody check,
        @JsonProperty("Checks") List<CheckBody> checks,
        @JsonProperty("SkipNodeUpdate") boolean skipNodeUpdate) {

    /** A service inside a catalog registration. */
    public record ServiceBody(
            @JsonProperty("ID") String id,
            @JsonProperty("Service") String service,
            @JsonProperty("Kind") String kind,
            @JsonProperty("Tags") List<String> tags,
            @JsonProperty("Address") String address,
            @JsonProperty("TaggedAddresses") Map<String, Map<String, Object>> taggedAddresses,
            @JsonProperty("Meta") Map<String, String> meta,
            @JsonProperty("Port") int port,
            @JsonProperty("Weights") Map<String, Integer> weights,
            @JsonProperty("EnableTagOverride") boolean enableTagOverride) {}

    /** A check inside a catalog registration. */
    public record CheckBody(
            @JsonProperty("Node") String node,
            @JsonProperty("CheckID") String checkId,
            @JsonProperty("ID") String id,
            @JsonProperty("Name") String name,
            @JsonProperty("Status") String status,
            @JsonProperty("Notes") String notes,
            @JsonProperty("Output") String output,
            @JsonProperty("ServiceID") String serviceId,
            @JsonProperty("Definition") Map<String, Object> definition) {}

    /** The body of {@code PUT /v1/catalog/deregister}. */
    public record Deregister(
            @JsonProperty("Node") String node,
            @JsonProperty("ServiceID") String serviceId,
            @JsonProperty("CheckID") String checkId,
            @JsonProperty("Datacenter") String datacenter) {}
}
