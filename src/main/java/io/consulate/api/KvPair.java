package io.consulate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.consulate.state.KvEntry;

/**
 * A KV entry on the wire: exactly Consul's fields, {@code Value} base64 or {@code null}, and
 * {@code Session} only while the key is held (node-consul asserts the exact field set).
 */
@JsonPropertyOrder({"LockIndex", "Key", "Flags", "Value", "Session", "CreateIndex", "ModifyIndex"})
public record KvPair(
        @JsonProperty("LockIndex") long lockIndex,
        @JsonProperty("Key") String key,
        @JsonProperty("Flags") Number flags,
        @JsonProperty("Value") @JsonInclude(JsonInclude.Include.ALWAYS) String value,
        @JsonProperty("Session") @JsonInclude(JsonInclude.Include.NON_NULL) String session,
        @JsonProperty("CreateIndex") long createIndex,
        @JsonProperty("ModifyIndex") long modifyIndex) {

    public static KvPair of(KvEntry e) {
        return new KvPair(e.lockIndex(), e.key(), unsigned(e.flags()), e.value() == null ? null : e.value().base64(),
                e.session(), e.createIndex(), e.modifyIndex());
    }

    /** Flags are a uint64 in Consul: render the high half as a positive number. */
    static Number unsigned(long v) {
        return v >= 0 ? v : new java.math.BigInteger(Long.toUnsignedString(v));
    }
}
