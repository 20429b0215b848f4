// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The answer cache: built once per question and catalog version, dropped on a new version, bounded. */
class AnswerCacheTest {
    private final AtomicInteger builds = new AtomicInteger();

    private String build(String key) {
        return key + "#" + builds.incrementAndGet();
    }

    @Test
    void aRepeatedQuestionOnTheSameVersionIsBuiltOnce() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        Object v1 = new Object();
        assertThat(cache.get(v1, "web", () -> build("web"))).isEqualTo("web#1");
        assertThat(cache.get(v1, "web", () -> build("web"))).isEqualTo("web#1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aNewVersionRebuildsEveryAnswer() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        cache.get(new Object(), "web", () -> build("web"));
        assertThat(cache.get(new Object(), "web", () -> build("web"))).isEqualTo("web#2");
    }

    @Test
    void anOlderVersionNeverReadsANewerVersionsAnswersOrTheOtherWayRound() {
        AnswerCache<String, String> cache = new AnswerCache<>(10);
        Object v1 = new Object();
        Object v2 = new Object();
        cache.get(v2, "web", () -> build("web"));
        assertThat(cache.get(v1, "web", () -> build("web"))).isEqualTo("web#2");
        assertThat(cache.get(v2, "web", () -> build("web"))).isEqualTo("web#3");
    }

    @Test
    void pastCapacityAnswersAreBuiltButNotKept() {
        AnswerCache<String, String> cache = new AnswerCache<>(2);
        Object v = new Object();
        for (int i = 0; i < 1000; i++) {
            String key = "random-" + i;
            cache.get(v, key, () -> build(key));
        }
        assertThat(cache.get(v, "random-0", () -> build("x"))).isEqualTo("random-0#1");
        assertThat(cache.get(v, "random-999", () -> build("again"))).isEqualTo("again#1001");
    }
}
