package io.consulate.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A session as the store keeps it (Consul's structs.Session). Sessions bind KV locks to a node and its
 * health: when the session is invalidated, the keys it holds are released or deleted.
 *
 * @param nodeChecks    check IDs on {@link #node} that must not turn critical
 * @param serviceChecks service-level check IDs on {@link #node} that must not turn critical
 * @param lockDelay     nanoseconds during which keys released by an invalidation refuse {@code acquire}
 * @param behavior      {@code release} or {@code delete}
 * @param ttl           the TTL text as the client sent it ({@code "15.0s"}), or {@code ""} for none
 */
public record Session(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Node") String node,
        @JsonProperty("NodeChecks") List<String> nodeChecks,
        @JsonProperty("ServiceChecks") List<String> serviceChecks,
        @JsonProperty("LockDelay") long lockDelay,
        @JsonProperty("Behavior") String behavior,
        @JsonProperty("TTL") String ttl,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static final String RELEASE = "release";
    public static final String DELETE = "delete";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        name = name == null ? "" : name;
        nodeChecks = nodeChecks == null ? List.of() : List.copyOf(nodeChecks);
        serviceChecks = serviceChecks == null ? List.of() : List.copyOf(serviceChecks);
        behavior = behavior == null || behavior.isEmpty() ? RELEASE : behavior;
        ttl = ttl == null ? "" : ttl;
    }

    /** Every check the session depends on, node checks first. */
    public List<String> allChecks() {
        return java.util.stream.Stream.concat(nodeChecks.stream(), serviceChecks.stream()).toList();
    }

    Session withIndexes(long create, long modify) {
        return new Session(id, name, node, nodeChecks, serviceChecks, lockDelay, behavior, ttl, create, modify);
    }
}
