// SPDX-License-Identifier: Apache-2.0
package io.consulate.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.consulate.state.Bytes;
import java.util.Objects;

/**
 * One user event as {@code /v1/event/fire} returns it and {@code /v1/event/list} lists it: exactly Consul's
 * eight fields and no others, because kiwiproject's {@code Event} model fails on any unknown field.
 *
 * @param id            a random UUID, also the source of the list's X-Consul-Index ({@link EventIndex})
 * @param name          the event name from the path
 * @param payload       the request body; rendered as base64, or {@code null} when the body was empty
 * @param nodeFilter    regular expression (Go syntax) the receiving node's name must match, or ""
 * @param serviceFilter regular expression some local service's name must match, or ""
 * @param tagFilter     regular expression a tag of that service must match (needs a service filter), or ""
 * @param version       the event protocol version, always 1
 * @param lTime         the Lamport time the agent received it at; 0 in the fire response, as in Consul
 */
@JsonPropertyOrder({"ID", "Name", "Payload", "NodeFilter", "ServiceFilter", "TagFilter", "Version", "LTime"})
public record UserEvent(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonIgnore Bytes payload,
        @JsonProperty("NodeFilter") String nodeFilter,
        @JsonProperty("ServiceFilter") String serviceFilter,
        @JsonProperty("TagFilter") String tagFilter,
        @JsonProperty("Version") int version,
        @JsonProperty("LTime") long lTime) {

    /** The only event protocol version Consul has. */
    public static final int VERSION = 1;

    public UserEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        payload = payload == null ? Bytes.EMPTY : payload;
        nodeFilter = nodeFilter == null ? "" : nodeFilter;
        serviceFilter = serviceFilter == null ? "" : serviceFilter;
        tagFilter = tagFilter == null ? "" : tagFilter;
    }

    /** The payload as Consul renders a Go {@code []byte}: base64, or {@code null} when there is none. */
    @JsonProperty("Payload")
    public String payloadBase64() {
        return payload.isEmpty() ? null : payload.base64();
    }

    /** The same event stamped with the Lamport time it was received at. */
    public UserEvent withLTime(long time) {
        return new UserEvent(id, name, payload, nodeFilter, serviceFilter, tagFilter, version, time);
    }
}
