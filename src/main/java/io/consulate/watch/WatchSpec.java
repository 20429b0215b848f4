// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one watch looks at: its type and parameters, and the blocking read on the public HTTP API that
 * serves it. The same spec comes from {@code consulate watch} flags and from an agent config {@code watches}
 * entry ({@link WatchDefinition}).
 *
 * @param type        which read to block on
 * @param key         {@code key}: the key
 * @param prefix      {@code keyprefix}: the prefix
 * @param service     {@code service}: the service; {@code checks}: optionally, the service whose checks
 * @param tags        {@code service}: tags an instance must all have
 * @param passingOnly {@code service}: only instances whose checks all pass
 * @param state       {@code checks}: the state to list ({@code any} when neither this nor service is set)
 * @param name        {@code event}: only events with this name ("" = all)
 * @param datacenter  the {@code dc} to ask, or ""
 * @param token       the ACL token to send, or ""
 * @param stale       allow any server to answer
 */
public record WatchSpec(Type type, String key, String prefix, String service, List<String> tags,
                        boolean passingOnly, String state, String name, String datacenter, String token,
                        boolean stale) {

    /** The watch types Consul has, by their {@code -type} names. */
    public enum Type {
        KEY, KEYPREFIX, SERVICES, NODES, SERVICE, CHECKS, EVENT;

        /** The type named {@code s} (Consul's lower-case name). */
        public static Type parse(String s) throws InvalidWatchException {
            if (s == null || s.isEmpty()) {
                throw new InvalidWatchException("Watch type must be specified");
            }
            for (Type t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return t;
                }
            }
            throw new InvalidWatchException("Unsupported watch type: " + s);
        }
    }

    /** A watch definition Consul would refuse; the message is Consul's wording. */
    public static final class InvalidWatchException extends Exception {
        public InvalidWatchException(String message) {
            super(message, null, false, false);
        }
    }

    public WatchSpec {
        Objects.requireNonNull(type, "type");
        key = orEmpty(key);
        prefix = orEmpty(prefix);
        service = orEmpty(service);
        tags = tags == null ? List.of() : List.copyOf(tags);
        state = orEmpty(state);
        name = orEmpty(name);
        datacenter = orEmpty(datacenter);
        token = orEmpty(token);
    }

    /** Checks the parameters the type needs, as Consul's watch parser does. */
    public WatchSpec validate() throws InvalidWatchException {
        switch (type) {
            case KEY -> require(!key.isEmpty(), "Must specify a single key to watch");
            case KEYPREFIX -> require(!prefix.isEmpty(), "Must specify a single prefix to watch");
            case SERVICE -> require(!service.isEmpty(), "Must specify a single service to watch");
            case CHECKS -> require(service.isEmpty() || state.isEmpty(), "Cannot specify service and state");
            default -> { }
        }
        return this;
    }

    private static void require(boolean ok, String message) throws InvalidWatchException {
        if (!ok) {
            throw new InvalidWatchException(message);
        }
    }

    /** The API path (already escaped) this watch blocks on. */
    public String path() {
        return switch (type) {
            case KEY -> "/v1/kv/" + escapePath(key);
            case KEYPREFIX -> "/v1/kv/" + escapePath(prefix);
            case SERVICES -> "/v1/catalog/services";
            case NODES -> "/v1/catalog/nodes";
            case SERVICE -> "/v1/health/service/" + escapePath(service);
            case CHECKS -> service.isEmpty() ? "/v1/health/state/" + escapePath(state.isEmpty() ? "any" : state)
                    : "/v1/health/checks/" + escapePath(service);
            case EVENT -> "/v1/event/list";
        };
    }

    /** The query string (without {@code ?}, escaped) before {@code index} and {@code wait} are added. */
    public String query() {
        List<String> q = new ArrayList<>();
        switch (type) {
            case KEYPREFIX -> q.add("recurse");
            case SERVICE -> {
                tags.forEach(t -> q.add("tag=" + escape(t)));
                if (passingOnly) {
                    q.add("passing=1");
                }
            }
            case EVENT -> {
                if (!name.isEmpty()) {
                    q.add("name=" + escape(name));
                }
            }
            default -> { }
        }
        if (!datacenter.isEmpty()) {
            q.add("dc=" + escape(datacenter));
        }
        if (stale) {
            q.add("stale");
        }
        return String.join("&", q);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String escapePath(String s) {
        return escape(s).replace("%2F", "/");
    }
}
