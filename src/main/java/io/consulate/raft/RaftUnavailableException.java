package io.consulate.raft;

/** Raft could not commit or serve a request (no leader, shutting down, timed out). */
public final class RaftUnavailableException extends RuntimeException {
    public RaftUnavailableException(String message) {
        super(message);
    }
}
