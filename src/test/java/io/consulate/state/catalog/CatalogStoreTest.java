package io.consulate.state.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.StateStore;
import io.consulate.state.WatchSet;
import io.consulate.state.catalog.CatalogViews.HealthEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CatalogStoreTest {
    private final StateStore store = new StateStore();
    private final CatalogStore catalog = store.catalog();

    private static Node node(String name, String addr) {
        return new Node("", name, addr, "dc1", null, Map.of("rack", "r1"), 0, 0);
    }

    private static Service svc(String node, String id, String name, String... tags) {
        return new Service(node, "", id, name, List.of(tags), "", null, null, 8080, null, false, 0, 0);
    }

    private static Check check(String node, String id, String serviceId, String status) {
        return new Check(node, id, id, status, "", "", serviceId, "", null, "", null, 0, 0);
    }

    private void register(long idx, Node n, Service s, Check... checks) {
        catalog.register(idx, new Registration(n, s, List.of(checks), false));
    }

    private AtomicInteger watch(Consumer<WatchSet> read) {
        WatchSet ws = new WatchSet();
        read.accept(ws);
        AtomicInteger fired = new AtomicInteger();
        store.watches().register(ws, fired::incrementAndGet);
        return fired;
    }

    @Test
    void registrationJoinsNodeServiceAndChecksSortedByCheckId() {
        register(5, node("n1", "10.0.0.1"), svc("n1", "web-1", "web", "v1"),
                check("n1", "serfHealth", "", Check.PASSING), check("n1", "service:web-1", "web-1", Check.PASSING));
        List<HealthEntry> health = catalog.health("web", null).value();
        assertThat(health).hasSize(1);
        HealthEntry e = health.get(0);
        assertThat(e.node().address()).isEqualTo("10.0.0.1");
        assertThat(e.service().id()).isEqualTo("web-1");
        assertThat(e.checks()).extracting(Check::checkId).containsExactly("serfHealth", "service:web-1");
        assertThat(e.checks().get(1).serviceName()).isEqualTo("web");
        assertThat(e.checks().get(1).serviceTags()).containsExactly("v1");
        assertThat(e.passing()).isTrue();
        assertThat(catalog.health("web", null).index()).isEqualTo(5);
        assertThat(e.service().createIndex()).isEqualTo(5);
    }

    @Test
    void anyWarningOrCriticalCheckMeansNotPassing() {
        register(1, node("n1", "a"), svc("n1", "w1", "web"), check("n1", "c", "w1", Check.WARNING));
        assertThat(catalog.health("web", null).value().get(0).passing()).isFalse();
    }

    @Test
    void changeToOneServiceDoesNotWakeWatchersOfAnother() {
        register(1, node("n1", "a"), svc("n1", "a1", "alpha"));
        register(2, node("n1", "a"), svc("n1", "b1", "beta"));
        AtomicInteger beta = watch(ws -> catalog.health("beta", ws));
        AtomicInteger alpha = watch(ws -> catalog.health("alpha", ws));
        register(3, node("n1", "a"), svc("n1", "a1", "alpha", "new-tag"));
        assertThat(alpha).hasValue(1);
        assertThat(beta).hasValue(0);
        assertThat(catalog.health("alpha", null).index()).isEqualTo(3);
        assertThat(catalog.health("beta", null).index()).isEqualTo(2);
    }

    @Test
    void nodeCheckChangeWakesEveryServiceOnThatNodeOnly() {
        register(1, node("n1", "a"), svc("n1", "a1", "alpha"), check("n1", "serfHealth", "", Check.PASSING));
        register(2, node("n2", "b"), svc("n2", "b1", "beta"));
        AtomicInteger alpha = watch(ws -> catalog.health("alpha", ws));
        AtomicInteger beta = watch(ws -> catalog.health("beta", ws));
        register(3, node("n1", "a"), null, check("n1", "serfHealth", "", Check.CRITICAL));
        assertThat(alpha).hasValue(1);
        assertThat(beta).hasValue(0);
        assertThat(catalog.health("alpha", null).value().get(0).passing()).isFalse();
    }

    @Test
    void identicalReRegistrationChangesNothing() {
        register(1, node("n1", "a"), svc("n1", "a1", "alpha"), check("n1", "c1", "a1", Check.PASSING));
        AtomicInteger fired = watch(ws -> catalog.health("alpha", ws));
        register(2, node("n1", "a"), svc("n1", "a1", "alpha"), check("n1", "c1", "a1", Check.PASSING));
        assertThat(fired).hasValue(0);
        assertThat(catalog.health("alpha", null).index()).isEqualTo(1);
    }

    @Test
    void skipNodeUpdateKeepsExistingAddress() {
        register(1, node("n1", "10.0.0.1"), null);
        catalog.register(2, new Registration(node("n1", "10.9.9.9"), svc("n1", "x", "x"), List.of(), true));
        assertThat(catalog.node("n1").address()).isEqualTo("10.0.0.1");
        assertThat(catalog.serviceNodes("x", null).value()).hasSize(1);
    }

    @Test
    void deregisteringServiceRemovesItsChecksButNotNodeChecks() {
        register(1, node("n1", "a"), svc("n1", "a1", "alpha"),
                check("n1", "serfHealth", "", Check.PASSING), check("n1", "c1", "a1", Check.PASSING));
        catalog.deregister(2, "n1", "a1", "");
        assertThat(catalog.health("alpha", null).value()).isEmpty();
        assertThat(catalog.health("alpha", null).index()).isEqualTo(2);
        assertThat(catalog.nodeChecks("n1", null).value()).extracting(Check::checkId).containsExactly("serfHealth");
    }

    @Test
    void deregisteringNodeRemovesEverythingOnIt() {
        register(1, node("n1", "a"), svc("n1", "a1", "alpha"), check("n1", "c1", "a1", Check.PASSING));
        register(2, node("n2", "b"), svc("n2", "a2", "alpha"));
        AtomicInteger nodes = watch(ws -> catalog.nodes(ws));
        catalog.deregister(3, "N1", "", "");
        assertThat(nodes).hasValue(1);
        assertThat(catalog.nodes(null).value()).extracting(Node::node).containsExactly("n2");
        assertThat(catalog.health("alpha", null).value()).extracting(e -> e.service().id()).containsExactly("a2");
        assertThat(catalog.checksInState("any", null).value()).isEmpty();
    }

    @Test
    void servicesListsEveryNameWithTheUnionOfTags() {
        register(1, node("n1", "a"), svc("n1", "w1", "web", "v1"));
        register(2, node("n2", "b"), svc("n2", "w2", "web", "v2", "v1"));
        register(3, node("n2", "b"), svc("n2", "db", "db"));
        var services = catalog.services(null);
        assertThat(services.value()).containsExactly(Map.entry("db", List.of()), Map.entry("web", List.of("v1", "v2")));
        assertThat(services.index()).isEqualTo(3);
    }

    @Test
    void namesAreCaseInsensitive() {
        register(1, node("Node-A", "a"), svc("Node-A", "w1", "Web"));
        assertThat(catalog.health("web", null).value()).hasSize(1);
        assertThat(catalog.node("node-a").node()).isEqualTo("Node-A");
    }

    @Test
    void renamingAnInstanceMovesItBetweenNames() {
        register(1, node("n1", "a"), svc("n1", "x1", "old"));
        register(2, node("n1", "a"), svc("n1", "x1", "new"));
        assertThat(catalog.serviceNodes("old", null).value()).isEmpty();
        assertThat(catalog.serviceNodes("new", null).value()).hasSize(1);
        assertThat(catalog.serviceNodes("old", null).index()).isEqualTo(2);
    }

    @Test
    void checksByStateAndMissingServiceIndexNeverGoesBackwards() {
        register(4, node("n1", "a"), svc("n1", "w1", "web"), check("n1", "c1", "w1", Check.CRITICAL));
        assertThat(catalog.checksInState("critical", null).value()).hasSize(1);
        assertThat(catalog.checksInState("passing", null).value()).isEmpty();
        assertThat(catalog.health("nobody", null).index()).isEqualTo(4);
    }
}
