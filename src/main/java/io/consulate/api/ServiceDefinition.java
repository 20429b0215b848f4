package io.consulate.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /v1/agent/service/register} and a {@code service} block of a config file, as
 * clients send it: python-consul2's lower-case keys, kiwiproject's {@code Id}, PascalCase, snake_case.
 * Check blocks stay raw maps: the check parser infers their type from the keys present.
 */
public record ServiceDefinition(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Kind") String kind,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Address") String address,
        @JsonProperty("TaggedAddresses") Map<String, Map<String, Object>> taggedAddresses,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Port") int port,
        @JsonProperty("Weights") Map<String, Integer> weights,
        @JsonProperty("EnableTagOverride") boolean enableTagOverride,
        @JsonProperty("Check") Map<String, Object> check,
        @JsonProperty("Checks") List<Map<String, Object>> checks) {}
