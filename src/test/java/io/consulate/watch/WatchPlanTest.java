// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The delivery rule of {@link WatchPlan}, against a real dev agent. */
class WatchPlanTest {
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    /** A handler that records each call and can hold its first call until released. */
    private static final class Recorder implements WatchHandler {
        final List<Long> indexes = new CopyOnWriteArrayList<>();
        final List<JsonNode> data = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst;

        Recorder(boolean holdFirst) {
            releaseFirst = new CountDownLatch(holdFirst ? 1 : 0);
        }

        @Override
        public void handle(long index, JsonNode d) throws Exception {
            indexes.add(index);
            data.add(d);
            firstStarted.countDown();
            assertThat(releaseFirst.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private record Running(WatchPlan plan, Thread thread, WatchSource source) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            plan.stop();
            thread.join();
            source.close();
        }
    }

    private static Running watch(WatchSpec spec, WatchHandler handler) {
        WatchSource source = new WatchSource(URI.create(agent.httpAddress()), "", Duration.ofSeconds(30));
        WatchPlan plan = new WatchPlan(spec, source, handler, new WatchPlan.Errors() {
            @Override
            public void readFailed(Exception e) {
                throw new AssertionError(e);
            }

            @Override
            public void handlerFailed(Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofMillis(100), true);
        return new Running(plan, Thread.ofVirtual().start(plan::run), source);
    }

    private static WatchSpec keySpec(String key) {
        return new WatchSpec(WatchSpec.Type.KEY, key, "", "", List.of(), false, "", "", "", "", false);
    }

    private static long put(String key, String value) throws Exception {
        assertThat(http.put("/v1/kv/" + key, value).statusCode()).isEqualTo(200);
        return Long.parseLong(http.get("/v1/kv/" + key).headers().firstValue("X-Consul-Index").orElseThrow());
    }

    private static String value(JsonNode kv) {
        return new String(Base64.getDecoder().decode(kv.get("Value").asText()), StandardCharsets.UTF_8);
    }

    private static List<String> values(Recorder r, Function<JsonNode, String> f) {
        List<String> out = new ArrayList<>();
        r.data.forEach(d -> out.add(f.apply(d)));
        return out;
    }

    @RepeatedTest(5)
    void handlerSeesEachChangeOnceInOrderIncludingChangesMadeWhileItRan() throws Exception {
        long i1 = put("plan/a", "v1");
        Recorder r = new Recorder(true);
        try (Running w = watch(keySpec("plan/a"), r)) {
            assertThat(r.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            long i2 = put("plan/a", "v2");
            await().atMost(Duration.ofSeconds(10)).until(() -> w.plan().observedIndex() == i2);
            long i3 = put("plan/a", "v3");
            await().atMost(Duration.ofSeconds(10)).until(() -> w.plan().observedIndex() == i3);
            assertThat(r.indexes).containsExactly(i1); // still busy with the first change
            r.releaseFirst.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> r.indexes.size() >= 3);
            long i4 = put("plan/a", "v4");
            await().atMost(Duration.ofSeconds(10)).until(() -> r.indexes.size() >= 4);
            assertThat(r.indexes).containsExactly(i1, i2, i3, i4);
            assertThat(values(r, WatchPlanTest::value)).containsExactly("v1", "v2", "v3", "v4");
        }
    }

    @Test
    void unrelatedWriteAndRewriteOfSameValueRunNothing() throws Exception {
        long i1 = put("plan/b", "same");
        Recorder r = new Recorder(false);
        try (Running w = watch(keySpec("plan/b"), r)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> r.indexes.size() == 1);
            put("plan/other", "x"); // another key: this watch's index does not move
            long marker = put("plan/b", "changed");
            await().atMost(Duration.ofSeconds(10)).until(() -> r.indexes.size() == 2);
            assertThat(r.indexes).containsExactly(i1, marker);
            assertThat(w.plan().observedIndex()).isEqualTo(marker);
        }
    }

    @Test
    void eventWatchDeliversEveryEventOnceEvenWhenFiredDuringAHandlerRun() throws Exception {
        String first = fire("plan-ev", "p0");
        Recorder r = new Recorder(true);
        WatchSpec spec = new WatchSpec(WatchSpec.Type.EVENT, "", "", "", List.of(), false, "", "plan-ev", "", "",
                false);
        try (Running w = watch(spec, r)) {
            assertThat(r.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<String> fired = new ArrayList<>(List.of(first));
            for (int i = 1; i <= 3; i++) {
                fired.add(fire("plan-ev", "p" + i));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> w.plan().observedIndex() == io.consulate.event.EventIndex.of(fired.get(3)));
            r.releaseFirst.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> seenIds(r).size() >= 4);
            assertThat(seenIds(r)).containsExactlyElementsOf(fired);
        }
    }

    private static String fire(String name, String payload) throws Exception {
        var resp = http.put("/v1/event/fire/" + name, payload);
        assertThat(resp.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body()).get("ID").asText();
    }

    private static List<String> seenIds(Recorder r) {
        List<String> ids = new ArrayList<>();
        r.data.forEach(d -> d.forEach(e -> ids.add(e.get("ID").asText())));
        return ids;
    }
}
