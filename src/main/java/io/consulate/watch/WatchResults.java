// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consulate.event.EventIndex;

/**
 * Turns an API answer into what a Consul watch hands its handler. Consul's watches decode answers into its Go
 * client's types and encode them again, so KV entries come out in the Go {@code KVPair} shape (every field,
 * {@code Session} "" when unheld), an empty KV prefix is {@code null}, and an event watch gets only the events
 * after the one it delivered last.
 */
final class WatchResults {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WatchResults() {}

    /**
     * @param lastIndex for event watches, the index of the previous delivery (0 = none): events up to and
     *                  including the one whose ID hashes to it are dropped
     */
    static JsonNode shape(WatchSpec.Type type, JsonNode body, long lastIndex) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return NullNode.getInstance();
        }
        return switch (type) {
            case KEY -> body.isArray() ? (body.isEmpty() ? NullNode.getInstance() : kvPair(body.get(0))) : kvPair(body);
            case KEYPREFIX -> kvPairs(body);
            case EVENT -> newEvents(body, lastIndex);
            default -> body;
        };
    }

    private static JsonNode kvPairs(JsonNode body) {
        if (!body.isArray() || body.isEmpty()) {
            return NullNode.getInstance();
        }
        ArrayNode out = NODES.arrayNode();
        body.forEach(e -> out.add(kvPair(e)));
        return out;
    }

    /** Go's api.KVPair field order; absent fields take Go's zero values. */
    private static JsonNode kvPair(JsonNode e) {
        ObjectNode o = NODES.objectNode();
        o.set("Key", text(e, "Key"));
        o.set("CreateIndex", number(e, "CreateIndex"));
        o.set("ModifyIndex", number(e, "ModifyIndex"));
        o.set("LockIndex", number(e, "LockIndex"));
        o.set("Flags", number(e, "Flags"));
        o.set("Value", e.hasNonNull("Value") ? e.get("Value") : NullNode.getInstance());
        o.set("Session", text(e, "Session"));
        return o;
    }

    private static JsonNode text(JsonNode e, String field) {
        return e.hasNonNull(field) ? e.get(field) : NODES.textNode("");
    }

    private static JsonNode number(JsonNode e, String field) {
        return e.hasNonNull(field) ? e.get(field) : NODES.numberNode(0);
    }

    private static JsonNode newEvents(JsonNode body, long lastIndex) {
        if (!body.isArray() || lastIndex == 0) {
            return body;
        }
        for (int i = 0; i < body.size(); i++) {
            String id = body.get(i).path("ID").asText("");
            if (isIndexOf(id, lastIndex)) {
                ArrayNode out = NODES.arrayNode();
                for (int j = i + 1; j < body.size(); j++) {
                    out.add(body.get(j));
                }
                return out;
            }
        }
        return body;
    }

    private static boolean isIndexOf(String id, long index) {
        try {
            return EventIndex.of(id) == index;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
