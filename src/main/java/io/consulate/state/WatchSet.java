package io.consulate.state;

import java.util.ArrayList;
import java.util.List;

/**
 * What a read depended on: store reads add the keys, prefixes and tables they looked at, and a
 * blocking query parks on exactly those (Consul's memdb WatchSet).
 */
public final class WatchSet {
    /** What a topic names: one key, every key under a prefix, or a whole named table. */
    public enum Kind { KEY, PREFIX, TABLE }

    /** One watched thing. */
    public record Topic(Kind kind, String name) {}

    private final List<Topic> topics = new ArrayList<>(2);

    public void key(String key) {
        topics.add(new Topic(Kind.KEY, key));
    }

    public void prefix(String prefix) {
        topics.add(new Topic(Kind.PREFIX, prefix));
    }

    public void table(String table) {
        topics.add(new Topic(Kind.TABLE, table));
    }

    public List<Topic> topics() {
        return List.copyOf(topics);
    }

    public boolean isEmpty() {
        return topics.isEmpty();
    }
}
