package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consulate.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.cache.KVCache;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.option.ImmutablePutOptions;
import org.kiwiproject.consul.option.ImmutableQueryOptions;

/** The seed's KV flows and a blocking watch loop through org.kiwiproject:consul-client, unmodified. */
class KiwiConsulClientTest {
    private static TestAgent agent;
    private static Consul consul;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        consul = Consul.builder().withUrl(agent.httpAddress()).build(); // pings /v1/status/leader
    }

    @AfterAll
    static void stop() throws Exception {
        consul.destroy();
        agent.close();
    }

    @Test
    void seedKvFlowsWork() {
        KeyValueClient kv = consul.keyValueClient();
        assertThat(kv.putValue("config/payment/max_retry", "3")).isTrue();
        assertThat(kv.getValueAsString("config/payment/max_retry")).hasValue("3");
        assertThat(kv.putValue("config/payment/timeout", "30s", 9L)).isTrue();
        Value v = kv.getValue("config/payment/timeout").orElseThrow();
        assertThat(v.getFlags()).isEqualTo(9L);
        assertThat(v.getKey()).isEqualTo("config/payment/timeout");
        assertThat(kv.getValueAsString("config/payment/none")).isEmpty();
        assertThat(kv.getValues("config/payment")).extracting(Value::getKey)
                .containsExactly("config/payment/max_retry", "config/payment/timeout");
        assertThat(kv.getKeys("config/", "/")).containsExactly("config/payment/");
        kv.deleteKey("config/payment/timeout");
        assertThat(kv.getValue("config/payment/timeout")).isEmpty();
        kv.deleteKeys("config");
        assertThat(kv.getValues("config")).isEmpty();
    }

    @Test
    void casThroughPutOptions() {
        KeyValueClient kv = consul.keyValueClient();
        assertThat(kv.putValue("kiwi/cas", "1", 0L, ImmutablePutOptions.builder().cas(0L).build())).isTrue();
        assertThat(kv.putValue("kiwi/cas", "2", 0L, ImmutablePutOptions.builder().cas(0L).build())).isFalse();
        long idx = kv.getValue("kiwi/cas").orElseThrow().getModifyIndex();
        assertThat(kv.putValue("kiwi/cas", "3", 0L, ImmutablePutOptions.builder().cas(idx).build())).isTrue();
    }

    @Test
    void blockingGetReturnsAfterChange() throws Exception {
        KeyValueClient kv = consul.keyValueClient();
        kv.putValue("kiwi/block", "1");
        long idx = kv.getValue("kiwi/block").orElseThrow().getModifyIndex();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            kv.putValue("kiwi/block", "2");
        });
        Value v = kv.getValue("kiwi/block", ImmutableQueryOptions.builder()
                .wait("10s").index(java.math.BigInteger.valueOf(idx)).build()).orElseThrow();
        writer.join();
        assertThat(v.getValueAsString()).hasValue("2");
        assertThat(v.getModifyIndex()).isGreaterThan(idx);
    }

    @Test
    void kvCacheWatchLoopSeesEveryChange() {
        KeyValueClient kv = consul.keyValueClient();
        kv.putValue("watched/a", "1");
        List<Map<String, Value>> seen = new CopyOnWriteArrayList<>();
        KVCache cache = KVCache.newCache(kv, "watched", 5);
        cache.addListener(seen::add);
        cache.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            kv.putValue("watched/b", "2");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    seen.get(seen.size() - 1).containsKey("watched/b"));
            kv.deleteKey("watched/a");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !seen.get(seen.size() - 1).containsKey("watched/a"));
        } finally {
            cache.stop();
        }
    }

    @Test
    void statusAndAgentEndpointsParse() {
        assertThat(consul.statusClient().getLeader()).isNotEmpty();
        assertThat(consul.statusClient().getPeers()).hasSize(1);
        var self = consul.agentClient().getAgent();
        assertThat(self.getConfig().getDatacenter()).isEqualTo("dc1");
        assertThat(self.getConfig().getNodeName()).isEqualTo("test-node");
        assertThat(consul.agentClient().getMembers()).hasSize(1);
        assertThat(consul.catalogClient().getDatacenters()).containsExactly("dc1");
    }
}
