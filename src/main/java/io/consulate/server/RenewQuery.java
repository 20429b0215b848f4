package io.consulate.server;

import java.nio.charset.StandardCharsets;

/** The wire form of a session renew a follower forwards to the leader through {@code RaftNode.askLeader}. */
final class RenewQuery {
    enum Answer { RENEWED, NOT_FOUND, NOT_LEADER }

    private static final String PREFIX = "session-renew:";

    private RenewQuery() {
    }

    static byte[] request(String sessionId) {
        return (PREFIX + sessionId).getBytes(StandardCharsets.UTF_8);
    }

    /** The session ID of a renew request, or null when the request is something else. */
    static String id(byte[] request) {
        String s = new String(request, StandardCharsets.UTF_8);
        return s.startsWith(PREFIX) ? s.substring(PREFIX.length()) : null;
    }

    static byte[] reply(Answer a) {
        return a.name().getBytes(StandardCharsets.UTF_8);
    }

    /** An unreadable answer counts as no leader: the client retries, nothing was claimed. */
    static Answer answer(byte[] reply) {
        try {
            return Answer.valueOf(new String(reply, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Answer.NOT_LEADER;
        }
    }
}
