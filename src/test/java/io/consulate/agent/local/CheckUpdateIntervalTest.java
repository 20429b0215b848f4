// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.raft.RaftNode;
import io.consulate.server.CatalogService;
import io.consulate.state.StateStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import io.consulate.testing.HandClock;
import io.consulate.testing.TestAgent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** check_update_interval through a real single-node Raft and catalog, with the hold timed by a hand clock. */
class CheckUpdateIntervalTest {

    private final HandClock clock = new HandClock();
    private final StateStore store = new StateStore();
    private final LocalState local = new LocalState("n1", LocalStore.NONE);
    private final DefinitionCheckParser parser = new DefinitionCheckParser("n1", false, false);
    private RaftNode raft;
    private AntiEntropy sync;
    private CatalogService catalog;

    @BeforeEach
    void start() throws Exception {
        raft = RaftNode.start(new RaftNode.Options(true, null, "127.0.0.1", TestAgent.freePort(), "cui-test", "dc1",
                8192), store);
        assertThat(raft.awaitLeader(Duration.ofSeconds(10))).isTrue();
        catalog = new CatalogService(raft, store.catalog(), "dc1");
        catalog.register(new Registration(new Node("id-1", "n1", "127.0.0.1", "dc1", Map.of(), Map.of(), 0, 0),
                null, List.of(), false)).join();
        sync = new AntiEntropy(local, store.catalog(), catalog, Duration.ofMinutes(5), clock);
        Service web = new Service("n1", "", "web", "web", List.of(), "", null, Map.of(), 80, null, false, 0, 0);
        local.addService(web, List.of(parser.parse(Map.of("TTL", "1h", "Status", "passing"), "web", "web",
                "service:web", "", true)), false);
        local.addCheck(parser.parse(Map.of("Name", "mem", "TTL", "1h", "Status", "passing"), "", "", "", "", true));
        sync.sync().join();
    }

    @AfterEach
    void stop() throws Exception {
        sync.close();
        raft.close();
    }

    private Check catalogCheck(String id) {
        return store.catalog().nodeChecks("n1", null).value().stream()
                .filter(c -> c.checkId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anOutputOnlyChangeWaitsForTheInterval() {
        local.updateCheck("service:web", "passing", "load 0.5");
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        local.updateCheck("service:web", "passing", "load 0.7");
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEqualTo("load 0.7");
    }

    @Test
    void aStatusChangeIsWrittenAtOnceWithItsOutput() {
        local.updateCheck("service:web", "passing", "fine");
        sync.sync().join();

        local.updateCheck("service:web", "critical", "down");
        sync.sync().join();

        assertThat(catalogCheck("service:web").status()).isEqualTo("critical");
        assertThat(catalogCheck("service:web").output()).isEqualTo("down");
    }

    @Test
    void nodeChecksAreHeldTheSameWay() {
        local.updateCheck("mem", "passing", "80%");
        sync.sync().join();
        assertThat(catalogCheck("mem").output()).isEmpty();

        local.updateCheck("mem", "warning", "95%");
        sync.sync().join();
        assertThat(catalogCheck("mem").output()).isEqualTo("95%");
    }

    @Test
    void aNewHoldStartsAfterEachWrite() {
        local.updateCheck("service:web", "passing", "a");
        sync.sync().join();
        clock.advance(Duration.ofMinutes(5));
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEqualTo("a");

        local.updateCheck("service:web", "passing", "b");
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEqualTo("a");
    }

    @Test
    void aHeldOutputIsWrittenWhenTheIntervalEndsWithoutAnotherChange() throws Exception {
        sync.close();
        sync = new AntiEntropy(local, store.catalog(), catalog, Duration.ofMillis(300), Clock.systemUTC());
        local.updateCheck("service:web", "passing", "late");
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(catalogCheck("service:web").output()).isEqualTo("late"));
    }

    @Test
    void zeroWritesEveryOutputChangeAtOnce() {
        sync.close();
        sync = new AntiEntropy(local, store.catalog(), catalog, Duration.ZERO, clock);
        local.updateCheck("service:web", "passing", "now");
        sync.sync().join();
        assertThat(catalogCheck("service:web").output()).isEqualTo("now");
    }
}
