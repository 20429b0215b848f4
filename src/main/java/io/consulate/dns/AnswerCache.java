// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers already built from one version of the catalog, so that repeated questions skip the store read and
 * the record building.
 *
 * <p>Why it cannot serve stale data: every entry belongs to the catalog version read <em>before</em> it was
 * built, and the whole cache is dropped as soon as a question sees a newer version, so a health change is
 * visible in the very next answer. An entry built from data newer than its version is merely rebuilt once
 * more. Hostile clients cannot grow it without bound: past {@code capacity} entries new answers are built
 * but not kept. Values must be immutable, since every event loop reads them.
 *
 * @param <K> the question, as the caller keys it (case-preserving: answers echo the name as asked)
 * @param <V> the built answer
 */
final class AnswerCache<K, V> {
    private final int capacity;
    private volatile Generation<K, V> current = new Generation<>(new Object());

    private record Generation<K, V>(Object version, ConcurrentHashMap<K, V> answers) {
        Generation(Object version) {
            this(version, new ConcurrentHashMap<>());
        }
    }

    AnswerCache(int capacity) {
        this.capacity = capacity;
    }

    /** The answer to {@code key} for catalog {@code version}, building it with {@code build} when missing. */
    V get(Object version, K key, Supplier<V> build) {
        Generation<K, V> g = current;
        if (g.version() != version) {
            g = new Generation<>(version);
            current = g;
        }
        V v = g.answers().get(key);
        if (v == null) {
            v = build.get();
            if (g.answers().size() < capacity) {
                g.answers().put(key, v);
            }
        }
        return v;
    }
}
