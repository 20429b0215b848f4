// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/**
 * One KV entry as the agent reported it, with the value decoded from base64 ({@code null} becomes empty).
 * {@code flags} holds Consul's uint64 bit for bit; print it with {@link Long#toUnsignedString(long)}.
 *
 * @param session the holding session's ID, or {@code ""} when the key is not locked
 */
record KvRecord(String key, long flags, Bytes value, String session, long lockIndex, long createIndex,
                long modifyIndex) {

    /** An immutable byte string, so the record never hands out a mutable array. */
    record Bytes(byte[] array) {
        Bytes {
            array = array.clone();
        }

        @Override
        public byte[] array() {
            return array.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && java.util.Arrays.equals(array, b.array);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(array);
        }

        @Override
        public String toString() {
            return new String(array, java.nio.charset.StandardCharsets.UTF_8);
        }

        String base64() {
            return Base64.getEncoder().encodeToString(array);
        }
    }

    /** Reads one element of a {@code GET /v1/kv} answer. */
    static KvRecord fromJson(JsonNode n) throws ApiException {
        JsonNode value = n.path("Value");
        byte[] bytes;
        try {
            bytes = value.isTextual() ? Base64.getDecoder().decode(value.asText()) : new byte[0];
        } catch (IllegalArgumentException e) {
            throw new ApiException("Failed to decode value of " + n.path("Key").asText() + ": " + e.getMessage());
        }
        return new KvRecord(n.path("Key").asText(), unsigned(n.path("Flags")), new Bytes(bytes),
                n.path("Session").isTextual() ? n.path("Session").asText() : "",
                unsigned(n.path("LockIndex")), unsigned(n.path("CreateIndex")), unsigned(n.path("ModifyIndex")));
    }

    private static long unsigned(JsonNode n) throws ApiException {
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(n.asText());
        } catch (NumberFormatException e) {
            throw new ApiException("Failed to decode response: not an unsigned integer: " + n);
        }
    }
}
