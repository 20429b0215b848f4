package io.consulate.state.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One catalog registration, already validated: a node, optionally a service on it, and checks.
 *
 * @param skipNodeUpdate keep an existing node's address and meta (Consul's SkipNodeUpdate)
 */
public record Registration(
        @JsonProperty("Node") Node node,
        @JsonProperty("Service") Service service,
        @JsonProperty("Checks") List<Check> checks,
        @JsonProperty("SkipNodeUpdate") boolean skipNodeUpdate) {

    public Registration {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
