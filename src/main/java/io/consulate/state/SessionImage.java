package io.consulate.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The sessions table in a snapshot: every session and the table's max index (tombstones none). */
public record SessionImage(@JsonProperty("Sessions") List<Session> sessions, @JsonProperty("Index") long maxIndex) {
    public static final SessionImage EMPTY = new SessionImage(List.of(), 0);

    public SessionImage {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
