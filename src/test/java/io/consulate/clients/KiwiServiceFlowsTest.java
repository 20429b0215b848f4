package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consulate.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.AgentClient;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.HealthClient;
import org.kiwiproject.consul.NotRegisteredException;
import org.kiwiproject.consul.cache.ServiceHealthCache;
import org.kiwiproject.consul.cache.ServiceHealthKey;
import org.kiwiproject.consul.model.agent.FullService;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.agent.Registration;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.option.ImmutableQueryOptions;
import org.kiwiproject.consul.option.QueryOptions;

/** Agent, catalog and health flows through org.kiwiproject:consul-client, including its ServiceHealthCache. */
class KiwiServiceFlowsTest {
    private static TestAgent agent;
    private static Consul consul;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        consul = Consul.builder().withUrl(agent.httpAddress()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        consul.destroy();
        agent.close();
    }

    @Test
    void registerPassDiscoverAndDeregisterWithATtlCheck() throws Exception {
        AgentClient agentClient = consul.agentClient();
        agentClient.register(8080, 60L, "orders", "orders-1", List.of("v1"), Map.of("team", "shop"));
        assertThat(agentClient.getServices()).containsKey("orders-1");
        assertThat(agentClient.getChecks().get("service:orders-1").getStatus()).isEqualTo("critical");
        assertThat(consul.healthClient().getHealthyServiceInstances("orders").getResponse()).isEmpty();

        agentClient.pass("orders-1", "ready");
        List<ServiceHealth> healthy = consul.healthClient().getHealthyServiceInstances("orders").getResponse();
        assertThat(healthy).hasSize(1);
        assertThat(healthy.get(0).getService().getPort()).isEqualTo(8080);
        assertThat(healthy.get(0).getChecks()).extracting(c -> c.getCheckId())
                .containsExactly("serfHealth", "service:orders-1");
        assertThat(consul.catalogClient().getService("orders").getResponse()).singleElement()
                .satisfies(s -> assertThat(s.getServiceTags()).containsExactly("v1"));
        assertThat(consul.catalogClient().getServices().getResponse()).containsKeys("consul", "orders");

        agentClient.deregister("orders-1");
        assertThat(agentClient.getServices()).doesNotContainKey("orders-1");
        assertThat(consul.catalogClient().getService("orders").getResponse()).isEmpty();
    }

    @Test
    void getServiceBlocksOnItsContentHashUntilTheServiceChanges() throws Exception {
        AgentClient agentClient = consul.agentClient();
        agentClient.register(ImmutableRegistration.builder().id("hashed-1").name("hashed").port(1).build());
        FullService first = agentClient.getService("hashed-1", QueryOptions.BLANK).getResponse();
        assertThat(first.getContentHash()).isNotEmpty();

        CompletableFuture<FullService> next = CompletableFuture.supplyAsync(() -> {
            try {
                return agentClient.getService("hashed-1", ImmutableQueryOptions.builder()
                        .hash(first.getContentHash()).wait("30s").build()).getResponse();
            } catch (NotRegisteredException e) {
                throw new IllegalStateException(e);
            }
        });
        agentClient.register(ImmutableRegistration.builder().id("hashed-1").name("hashed").port(2).build());
        FullService changed = next.get(20, TimeUnit.SECONDS);
        assertThat(changed.getPort()).isEqualTo(2);
        assertThat(changed.getContentHash()).isNotEqualTo(first.getContentHash());

        assertThatThrownBy(() -> agentClient.getService("never-registered", QueryOptions.BLANK))
                .isInstanceOf(NotRegisteredException.class);
    }

    @Test
    void serviceHealthCacheSeesInstancesComeGoAndChangeHealth() throws Exception {
        AgentClient agentClient = consul.agentClient();
        HealthClient health = consul.healthClient();
        agentClient.register(ImmutableRegistration.builder().id("cart-1").name("cart").port(9001)
                .check(Registration.RegCheck.ttl(60L)).build());
        agentClient.pass("cart-1");

        List<Map<ServiceHealthKey, ServiceHealth>> seen = new CopyOnWriteArrayList<>();
        try (ServiceHealthCache cache = ServiceHealthCache.newCache(health, "cart", true, 5, QueryOptions.BLANK)) {
            cache.addListener(seen::add);
            cache.start();
            assertThat(cache.awaitInitialized(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cache.getMap()).containsOnlyKeys(ServiceHealthKey.of("cart-1", "127.0.0.1", 9001));

            agentClient.register(ImmutableRegistration.builder().id("cart-2").name("cart").port(9002)
                    .check(Registration.RegCheck.ttl(60L)).build());
            agentClient.pass("cart-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> last(seen).size() == 2);

            agentClient.fail("cart-1", "broken");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    last(seen).keySet().stream().map(ServiceHealthKey::getServiceId).toList().equals(List.of("cart-2")));

            agentClient.deregister("cart-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> last(seen).isEmpty());
        }
    }

    private static <K, V> Map<K, V> last(List<Map<K, V>> seen) {
        return seen.isEmpty() ? Map.of() : seen.get(seen.size() - 1);
    }
}
