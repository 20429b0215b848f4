// SPDX-License-Identifier: Apache-2.0
package io.consulate.event;

import io.consulate.filter.regex.GoRegex;
import io.consulate.filter.regex.GoRegexSyntaxException;
import io.consulate.state.Bytes;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Fires user events on this agent: validates them as Consul does, caps their size, gives them an ID, and
 * ingests them into the {@link EventBuffer} when they pass this agent's filters (node name, local service
 * names and tags), exactly as a Consul agent decides whether to keep an event it received over gossip.
 * On a single node the firing agent is the only receiver, so an event whose filters exclude this node is
 * accepted (the fire succeeds, as in Consul) but does not appear in the list.
 */
public final class EventService {
    /**
     * Serf's default user event size limit, applied here to name plus payload. Consul applies it to the
     * gossip message (msgpack framing, ID and filters included), so Consul's real payload limit is roughly
     * 100 bytes lower; Consulate has no gossip framing and counts only what the user sent.
     */
    public static final int SIZE_LIMIT = 512;

    /** A service registered on this agent, as far as event filters care. */
    public record LocalService(String name, List<String> tags) {
        public LocalService {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** What a fire request asks for; filters are "" when absent. */
    public record FireRequest(String name, Bytes payload, String nodeFilter, String serviceFilter,
                              String tagFilter) {}

    /** A fire request that Consul would refuse; the message is Consul's text. */
    public static final class InvalidEventException extends Exception {
        private final boolean tooLarge;

        InvalidEventException(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        /** True when the event was refused for its size (413), false for a malformed request (400). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private final String nodeName;
    private final Supplier<? extends Collection<LocalService>> services;
    private final EventBuffer buffer;
    private final Supplier<UUID> ids;

    public EventService(String nodeName, Supplier<? extends Collection<LocalService>> services, EventBuffer buffer,
                        Supplier<UUID> ids) {
        this.nodeName = nodeName;
        this.services = services;
        this.buffer = buffer;
        this.ids = ids;
    }

    public EventBuffer buffer() {
        return buffer;
    }

    /** Fires an event; returns it as Consul's fire endpoint does (LTime 0). */
    public UserEvent fire(FireRequest req) throws InvalidEventException {
        Matchers m = validate(req);
        UserEvent event = new UserEvent(ids.get().toString(), req.name(), req.payload(), req.nodeFilter(),
                req.serviceFilter(), req.tagFilter(), UserEvent.VERSION, 0);
        if (accepts(m)) {
            buffer.ingest(event);
        }
        return event;
    }

    private record Matchers(GoRegex node, GoRegex service, GoRegex tag) {}

    private static Matchers validate(FireRequest req) throws InvalidEventException {
        if (req.name() == null || req.name().isEmpty()) {
            throw new InvalidEventException("User event missing name", false);
        }
        long size = (long) req.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + req.payload().length();
        if (size > SIZE_LIMIT) {
            throw new InvalidEventException("user event exceeds configured limit of " + SIZE_LIMIT
                    + " bytes before encoding", true);
        }
        if (!req.tagFilter().isEmpty() && req.serviceFilter().isEmpty()) {
            throw new InvalidEventException("Cannot provide tag filter without service filter", false);
        }
        return new Matchers(compile("node", req.nodeFilter()), compile("service", req.serviceFilter()),
                compile("tag", req.tagFilter()));
    }

    private static GoRegex compile(String what, String pattern) throws InvalidEventException {
        if (pattern.isEmpty()) {
            return null;
        }
        try {
            return GoRegex.compile(pattern);
        } catch (GoRegexSyntaxException e) {
            throw new InvalidEventException("Invalid " + what + " filter: " + e.getMessage(), false);
        }
    }

    /** Consul's shouldProcessUserEvent: the node filter matches this node; some service (and tag) matches. */
    private boolean accepts(Matchers m) {
        if (m.node() != null && !m.node().find(nodeName)) {
            return false;
        }
        if (m.service() == null) {
            return true;
        }
        for (LocalService s : services.get()) {
            if (!m.service().find(s.name())) {
                continue;
            }
            if (m.tag() == null || s.tags().stream().anyMatch(m.tag()::find)) {
                return true;
            }
        }
        return false;
    }
}
