package io.consulate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.consulate.state.Session;
import java.util.List;

/**
 * A session on the wire (session info, list, node, renew). {@code LockDelay} is nanoseconds, {@code TTL}
 * the text the client sent ({@code ""} for none), {@code ServiceChecks} {@code null} when there are none
 * (as Consul renders an empty Go slice), and the legacy {@code Checks} only when the session depends on
 * something other than just {@code serfHealth}.
 */
@JsonPropertyOrder({"ID", "Name", "Node", "LockDelay", "Behavior", "TTL", "NodeChecks", "ServiceChecks", "Checks",
        "CreateIndex", "ModifyIndex"})
public record SessionWire(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Node") String node,
        @JsonProperty("LockDelay") long lockDelay,
        @JsonProperty("Behavior") String behavior,
        @JsonProperty("TTL") String ttl,
        @JsonProperty("NodeChecks") List<String> nodeChecks,
        @JsonProperty("ServiceChecks") @JsonInclude(JsonInclude.Include.ALWAYS) List<ServiceCheck> serviceChecks,
        @JsonProperty("Checks") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> checks,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    /** One service check a session depends on (Namespace is always "" without enterprise namespaces). */
    public record ServiceCheck(@JsonProperty("ID") String id, @JsonProperty("Namespace") String namespace) {}

    public static SessionWire of(Session s) {
        List<ServiceCheck> svc = s.serviceChecks().isEmpty() ? null
                : s.serviceChecks().stream().map(id -> new ServiceCheck(id, "")).toList();
        List<String> all = s.allChecks();
        List<String> legacy = all.isEmpty() || all.equals(List.of("serfHealth")) ? null : all;
        return new SessionWire(s.id(), s.name(), s.node(), s.lockDelay(), s.behavior(), s.ttl(), s.nodeChecks(), svc,
                legacy, s.createIndex(), s.modifyIndex());
    }

    public static List<SessionWire> of(List<Session> sessions) {
        return sessions.stream().map(SessionWire::of).toList();
    }
}
