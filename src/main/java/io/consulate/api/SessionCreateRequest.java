package io.consulate.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.consulate.agent.config.Durations;
import io.consulate.http.HttpError;
import io.consulate.text.Echo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code PUT /v1/session/create}, decoded the way Consul does: keys matched case-insensitively
 * with {@code _} ignored, unknown keys ignored, and a {@code checks} key that is present (even as
 * {@code []}) replacing the default {@code serfHealth}.
 *
 * @param node          null means this agent's node
 * @param nodeChecks    null means the default ({@code ["serfHealth"]})
 * @param lockDelay     nanoseconds after Consul's fix-up (below 1000 means seconds), or null for the default
 * @param ttl           the TTL text as sent, or "" for none (validated by the session service)
 */
public record SessionCreateRequest(String name, String node, List<String> nodeChecks, List<String> serviceChecks,
                                   Long lockDelay, String behavior, String ttl) {

    /** Values below this many nanoseconds are taken as seconds (Consul's lockDelayMinThreshold). */
    static final long SECONDS_THRESHOLD = 1000;

    public static SessionCreateRequest parse(byte[] body) {
        if (body.length == 0) {
            return new SessionCreateRequest("", null, null, List.of(), null, null, "");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw HttpError.badRequest("Request decode failed: malformed JSON");
        }
        if (root == null || root.isNull()) {
            return parse(new byte[0]);
        }
        if (!root.isObject()) {
            throw HttpError.badRequest("Request decode failed: expected a JSON object");
        }
        String name = "";
        String node = null;
        List<String> legacy = null;
        List<String> nodeChecks = null;
        List<String> serviceChecks = List.of();
        Long lockDelay = null;
        String behavior = null;
        String ttl = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey().replace("_", "").toLowerCase(Locale.ROOT)) {
                case "name" -> name = text(v, "Name");
                case "node" -> node = text(v, "Node");
                case "checks" -> legacy = ids(v, "Checks");
                case "nodechecks" -> nodeChecks = ids(v, "NodeChecks");
                case "servicechecks" -> serviceChecks = ids(v, "ServiceChecks");
                case "lockdelay" -> lockDelay = lockDelay(v);
                case "behavior" -> behavior = text(v, "Behavior");
                case "ttl" -> ttl = text(v, "TTL");
                default -> { }
            }
        }
        if (legacy != null) {
            List<String> merged = new ArrayList<>(legacy);
            if (nodeChecks != null) {
                nodeChecks.stream().filter(c -> !merged.contains(c)).forEach(merged::add);
            }
            nodeChecks = merged;
        }
        return new SessionCreateRequest(name, node == null || node.isEmpty() ? null : node, nodeChecks,
                serviceChecks, lockDelay, behavior, ttl);
    }

    private static String text(JsonNode v, String field) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest("Request decode failed: " + field + " must be a string");
        }
        return v.asText();
    }

    /** A list of check IDs: strings, or objects with an {@code ID} (ServiceChecks' {"ID","Namespace"}). */
    private static List<String> ids(JsonNode v, String field) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > 64) {
            throw HttpError.badRequest("Request decode failed: " + field + " must be an array of at most 64 checks");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            String id = null;
            if (e.isTextual()) {
                id = e.asText();
            } else if (e.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (f.getKey().equalsIgnoreCase("id") && f.getValue().isTextual()) {
                        id = f.getValue().asText();
                    }
                }
            }
            if (id == null || id.isEmpty()) {
                throw HttpError.badRequest("Request decode failed: " + field + " entries must be check IDs");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** A number of nanoseconds or a Go duration; either below 1000 ns counts as seconds. */
    static long lockDelay(JsonNode v) {
        long nanos;
        if (v.isNumber()) {
            if (!v.canConvertToLong() || v.asDouble() < 0) {
                throw HttpError.badRequest("Invalid LockDelay: " + v.asText());
            }
            nanos = v.isIntegralNumber() ? v.asLong() : (long) v.asDouble();
        } else if (v.isTextual()) {
            try {
                nanos = Durations.parseGo(v.asText()).toNanos();
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw HttpError.badRequest("Invalid LockDelay: " + Echo.abbreviate(v.asText()));
            }
            if (nanos < 0) {
                throw HttpError.badRequest("Invalid LockDelay: " + Echo.abbreviate(v.asText()));
            }
        } else {
            throw HttpError.badRequest("Invalid LockDelay: must be a number or a duration");
        }
        return nanos < SECONDS_THRESHOLD ? nanos * 1_000_000_000L : nanos;
    }
}
