// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers already built for a service, so that repeated questions skip the record building.
 *
 * <p>Why it cannot serve stale data: every entry carries the service index it was built at, and the service
 * index is the Raft index of the last change any read of that service can see (instances, their nodes and
 * checks). An entry is only served for the same index, so a health change is visible in the very next answer,
 * while a change to another service leaves it valid. Bounded: past {@code capacity} questions new answers are
 * built but not kept (existing ones are still refreshed). Values must be immutable, since every event loop
 * reads them.
 *
 * @param <K> the question, as the caller keys it
 * @param <V> the built answer
 */
final class AnswerCache<K, V> {
    private final int capacity;
    private final ConcurrentHashMap<K, Entry<V>> answers = new ConcurrentHashMap<>();

    private record Entry<V>(long index, V value) {}

    AnswerCache(int capacity) {
        this.capacity = capacity;
    }

    /** The answer to {@code key} at service {@code index}, building it with {@code build} when missing or older. */
    V get(long index, K key, Supplier<V> build) {
        Entry<V> e = answers.get(key);
        if (e != null && e.index() == index) {
            return e.value();
        }
        V v = build.get();
        if (e != null || answers.size() < capacity) {
            answers.put(key, new Entry<>(index, v));
        }
        return v;
    }
}
