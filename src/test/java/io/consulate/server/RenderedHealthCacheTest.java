package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import io.consulate.http.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderedHealthCacheTest {
    private final RenderedHealthCache cache = new RenderedHealthCache();
    private final AtomicInteger renders = new AtomicInteger();

    private byte[] get(String service, boolean passing, long index, String content) {
        return cache.get(service, passing, index, () -> List.of(content), list -> {
            renders.incrementAndGet();
            return (list.get(0) + (passing ? "+passing" : "")).getBytes(StandardCharsets.UTF_8);
        }).plain();
    }

    @Test
    void sameIndexReusesTheBodyAndAnyOtherIndexRendersAgain() {
        long v1 = 7;
        assertThat(get("web", true, v1, "a")).asString(StandardCharsets.UTF_8).isEqualTo("a+passing");
        assertThat(get("web", true, v1, "ignored")).asString(StandardCharsets.UTF_8).isEqualTo("a+passing");
        assertThat(renders).hasValue(1);
        long v2 = 9;
        assertThat(get("web", true, v2, "b")).asString(StandardCharsets.UTF_8).isEqualTo("b+passing");
        assertThat(renders).hasValue(2);
    }

    @Test
    void passingAndServiceAreSeparateEntries() {
        long v = 3;
        assertThat(get("web", true, v, "a")).asString(StandardCharsets.UTF_8).isEqualTo("a+passing");
        assertThat(get("web", false, v, "a")).asString(StandardCharsets.UTF_8).isEqualTo("a");
        assertThat(get("db", false, v, "d")).asString(StandardCharsets.UTF_8).isEqualTo("d");
        assertThat(renders).hasValue(3);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void boundedInEntries() {
        long v = 3;
        for (int i = 0; i < RenderedHealthCache.MAX_ENTRIES * 2; i++) {
            get("s" + i, false, v, "x");
        }
        assertThat(cache.size()).isLessThanOrEqualTo(RenderedHealthCache.MAX_ENTRIES);
    }

    @Test
    void oversizedBodiesAreNotKept() {
        long v = 3;
        String big = "x".repeat(RenderedHealthCache.MAX_BODY_BYTES + 1);
        get("big", false, v, big);
        get("big", false, v, big);
        assertThat(renders).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void answersWithEqualHeadersShareOneResponseAndOtherHeadersBuildANewOne() {
        RenderedHealthCache.Rendered body = RenderedHealthCache.Rendered.of("[]".getBytes(StandardCharsets.UTF_8));
        AtomicInteger builds = new AtomicInteger();
        java.util.function.Function<Map<String, String>, ApiResponse> answer = h -> body.response(h, () -> {
            builds.incrementAndGet();
            return new ApiResponse(200, ApiResponse.JSON, body.plain(), h, body.gzipped());
        });
        ApiResponse first = answer.apply(Map.of("X-Consul-Index", "5"));
        assertThat(answer.apply(new java.util.LinkedHashMap<>(Map.of("X-Consul-Index", "5")))).isSameAs(first);
        assertThat(builds).hasValue(1);
        ApiResponse other = answer.apply(Map.of("X-Consul-Index", "5", "X-Consul-KnownLeader", "false"));
        assertThat(other).isNotSameAs(first);
        assertThat(other.headers()).containsEntry("X-Consul-KnownLeader", "false");
        assertThat(builds).hasValue(2);
    }
}
