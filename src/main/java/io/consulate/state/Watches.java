package io.consulate.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who waits on what. A commit fires exactly the topics it touched: a KV write to {@code app/x} fires
 * the key {@code app/x} and the prefixes {@code app/x}, {@code app/}, {@code ap}, ... {@code ""}, and
 * nothing else, so a watcher of {@code b} never wakes for {@code a}.
 *
 * <p>Cost per fired key is one hash lookup per character of the key, only while prefix watchers exist,
 * independent of how many watchers or keys there are. Registration and firing of one topic are atomic
 * with respect to each other (both run inside {@link ConcurrentHashMap#compute}/{@code remove}), so a
 * waiter is either in the fired set or registers afterwards and then sees the new store state.
 */
public final class Watches {
    private final ConcurrentHashMap<String, Set<Waiter>> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Waiter>> prefixes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Waiter>> tables = new ConcurrentHashMap<>();
    private volatile int longestPrefix = -1;

    /** Registers a one-shot waiter whose callback runs on the firing thread. */
    public Waiter register(WatchSet ws, Runnable onFire) {
        return register(ws, Runnable::run, onFire);
    }

    /**
     * Registers a one-shot waiter on every topic of {@code ws}. When a commit fires many waiters that share
     * an executor (a connection's event loop), their callbacks go to it as one task: one hand-off and one
     * wake-up per executor instead of one per waiter.
     */
    public Waiter register(WatchSet ws, Executor executor, Runnable onFire) {
        Waiter w = new Waiter(this, ws.topics(), executor, onFire);
        for (WatchSet.Topic t : w.topics()) {
            if (t.kind() == WatchSet.Kind.PREFIX && t.name().length() > longestPrefix) {
                longestPrefix = t.name().length();
            }
            mapFor(t.kind()).compute(t.name(), (k, set) -> {
                Set<Waiter> s = set == null ? new HashSet<>() : set;
                s.add(w);
                return s;
            });
        }
        return w;
    }

    void unregister(Waiter w) {
        for (WatchSet.Topic t : w.topics()) {
            mapFor(t.kind()).computeIfPresent(t.name(), (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Fires the watchers of {@code key} and of every prefix of it. */
    void fireKey(String key) {
        fire(keys.remove(key));
        if (prefixes.isEmpty()) {
            return;
        }
        int max = Math.min(key.length(), longestPrefix);
        for (int i = 0; i <= max; i++) {
            fire(prefixes.remove(key.substring(0, i)));
        }
    }

    void fireTable(String table) {
        fire(tables.remove(table));
    }

    /** Fires everything: a snapshot restore replaced the whole store. */
    void fireAll() {
        for (var map : List.of(keys, prefixes, tables)) {
            for (String k : map.keySet()) {
                fire(map.remove(k));
            }
        }
    }

    /** Number of distinct registered waiters' topic entries (for tests and metrics). */
    public int size() {
        return count(keys.values()) + count(prefixes.values()) + count(tables.values());
    }

    private static int count(Collection<Set<Waiter>> sets) {
        int n = 0;
        for (Set<Waiter> s : sets) {
            n += s.size();
        }
        return n;
    }

    private static void fire(Set<Waiter> set) {
        if (set == null) {
            return;
        }
        // The set was removed atomically: nobody adds to it any more, but a concurrent cancel may still
        // remove from it through unregister's computeIfPresent on a newer set, never this one.
        Map<Executor, List<Runnable>> byExecutor = new IdentityHashMap<>();
        for (Waiter w : List.copyOf(set)) {
            if (w.claim()) {
                byExecutor.computeIfAbsent(w.executor(), e -> new ArrayList<>()).add(w.callback());
            }
        }
        byExecutor.forEach((executor, callbacks) -> executor.execute(() -> callbacks.forEach(Runnable::run)));
    }

    private ConcurrentHashMap<String, Set<Waiter>> mapFor(WatchSet.Kind kind) {
        return switch (kind) {
            case KEY -> keys;
            case PREFIX -> prefixes;
            case TABLE -> tables;
        };
    }
}
