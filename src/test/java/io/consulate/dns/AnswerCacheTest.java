// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The answer cache: built once per question and service index, rebuilt at another index, bounded. */
class AnswerCacheTest {
    private final AtomicInteger builds = new AtomicInteger();

    private String build(String key) {
        return key + "#" + builds.incrementAndGet();
    }

    @Test
    void aRepeatedQuestionAtTheSameIndexIsBuiltOnce() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        assertThat(cache.get(7, "web", () -> build("web"))).isEqualTo("web#1");
        assertThat(cache.get(7, "web", () -> build("web"))).isEqualTo("web#1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void anotherIndexRebuildsThatAnswerOnly() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        cache.get(7, "web", () -> build("web"));
        cache.get(3, "db", () -> build("db"));
        assertThat(cache.get(8, "web", () -> build("web"))).isEqualTo("web#3");
        assertThat(cache.get(3, "db", () -> build("db"))).isEqualTo("db#2");
    }

    @Test
    void anOlderIndexNeverReadsANewerAnswerOrTheOtherWayRound() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        cache.get(9, "web", () -> build("web"));
        assertThat(cache.get(8, "web", () -> build("web"))).isEqualTo("web#2");
        assertThat(cache.get(9, "web", () -> build("web"))).isEqualTo("web#3");
    }

    @Test
    void pastCapacityAnswersAreBuiltButNotKept() {
        AnswerCache<String, String> cache = new AnswerCache<>(2);
        for (int i = 0; i < 1000; i++) {
            String key = "random-" + i;
            cache.get(1, key, () -> build(key));
        }
        assertThat(cache.get(1, "random-0", () -> build("x"))).isEqualTo("random-0#1");
        assertThat(cache.get(1, "random-999", () -> build("again"))).isEqualTo("again#1001");
    }
}
