package io.consulate.state.catalog;

import io.consulate.state.Indexed;
import io.consulate.state.WatchSet;
import io.consulate.state.Watches;
import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.CatalogViews.NodeServices;
import io.consulate.state.catalog.CatalogViews.ServiceNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.pcollections.PSet;

/**
 * The catalog part of the state store: nodes, services and checks. Same contract as the KV store:
 * mutators take the Raft index and run on the apply thread; reads are lock-free on an immutable version
 * and register the topics they read, so a change to service {@code a} never wakes a watcher of {@code b}.
 */
public final class CatalogStore {
    private static final Comparator<Node> BY_NODE = Comparator.comparing(Node::node);

    private final Consumer<String> fireTable;
    private volatile CatalogTables tables = CatalogTables.EMPTY;

    /** @param fireTable fires a table-kind watch topic (the store's {@link Watches}) */
    public CatalogStore(Consumer<String> fireTable) {
        this.fireTable = fireTable;
    }

    // ---- mutations (apply thread only) ----

    /** Upserts the node (unless SkipNodeUpdate keeps an existing one), the service and the checks. */
    public synchronized void register(long idx, Registration r) {
        Set<String> touched = new HashSet<>();
        publish(registered(tables, idx, r, touched), touched);
    }

    /** {@link #register} on a given version: the new version, with the topics it touches added. */
    static CatalogTables registered(CatalogTables t, long idx, Registration r, Set<String> touched) {
        String nodeKey = r.node().key();
        Node existing = t.nodes().get(nodeKey);
        if (existing == null || !r.skipNodeUpdate()) {
            if (existing == null) {
                t = t.withNode(idx, r.node().withIndexes(idx, idx), touched);
            } else if (!existing.sameContent(r.node())) {
                t = t.withNode(idx, r.node().withIndexes(existing.createIndex(), idx), touched);
            }
        }
        String nodeName = t.nodes().get(nodeKey).node();
        if (r.service() != null) {
            Service s = r.service().onNode(nodeName);
            Service old = t.servicesOn(nodeKey).get(s.id());
            if (old == null) {
                t = t.withService(idx, nodeKey, s.withIndexes(idx, idx), touched);
            } else if (!old.sameContent(s)) {
                t = t.withService(idx, nodeKey, s.withIndexes(old.createIndex(), idx), touched);
            }
        }
        for (Check c : r.checks()) {
            Check bound = c.bound(nodeName, c.isNodeCheck() ? null : t.servicesOn(nodeKey).get(c.serviceId()));
            Check old = t.checksOn(nodeKey).get(bound.checkId());
            if (old == null) {
                t = t.withCheck(idx, nodeKey, bound.withIndexes(idx, idx), touched);
            } else if (!old.sameContent(bound)) {
                t = t.withCheck(idx, nodeKey, bound.withIndexes(old.createIndex(), idx), touched);
            }
        }
        return t;
    }

    /** Removes a check, or a service with its checks, or (neither given) the node with everything on it. */
    public synchronized void deregister(long idx, String node, String serviceId, String checkId) {
        Set<String> touched = new HashSet<>();
        publish(deregistered(tables, idx, node, serviceId, checkId, touched), touched);
    }

    /** {@link #deregister} on a given version. */
    static CatalogTables deregistered(CatalogTables t, long idx, String node, String serviceId, String checkId,
                                      Set<String> touched) {
        String nodeKey = Catalog.key(node);
        if (!serviceId.isEmpty()) {
            t = t.withoutService(idx, nodeKey, serviceId, touched);
        }
        if (!checkId.isEmpty()) {
            t = t.withoutCheck(idx, nodeKey, checkId, touched);
        }
        if (serviceId.isEmpty() && checkId.isEmpty()) {
            t = t.withoutNode(idx, nodeKey, touched);
        }
        return t;
    }

    /** Starts a transaction on the current version; nothing is visible until {@link CatalogTxn#commit}. */
    public CatalogTxn begin() {
        return new CatalogTxn(this, tables);
    }

    /** The highest index any catalog table has reached. */
    public long maxIndex() {
        return tables.maxIndex();
    }

    synchronized void commit(CatalogTables next, Set<String> touched) {
        publish(next, touched);
    }

    /** A consistent copy of the whole catalog. */
    public CatalogImage image() {
        CatalogTables t = tables;
        List<Service> services = new ArrayList<>();
        t.services().values().forEach(m -> services.addAll(m.values()));
        List<Check> checks = new ArrayList<>();
        t.checks().values().forEach(m -> checks.addAll(m.values()));
        return new CatalogImage(List.copyOf(t.nodes().values()), services, checks, t.serviceIndex(),
                t.nodesIndex(), t.servicesIndex(), t.checksIndex());
    }

    /** Replaces the catalog (snapshot install or restart); the caller wakes the watchers. */
    public synchronized void restore(CatalogImage image) {
        CatalogTables t = CatalogTables.EMPTY;
        Set<String> ignored = new HashSet<>();
        for (Node n : image.nodes()) {
            t = t.withNode(n.modifyIndex(), n, ignored);
        }
        for (Service s : image.services()) {
            t = t.withService(s.modifyIndex(), Catalog.key(s.node()), s, ignored);
        }
        for (Check c : image.checks()) {
            t = t.withCheck(c.modifyIndex(), Catalog.key(c.node()), c, ignored);
        }
        tables = new CatalogTables(t.nodes(), t.services(), t.checks(), t.byName(),
                org.pcollections.HashTreePMap.from(image.serviceIndex()), image.nodesIndex(), image.servicesIndex(),
                image.checksIndex());
    }

    private void publish(CatalogTables next, Set<String> touched) {
        tables = next;
        touched.forEach(fireTable);
    }

    // ---- reads ----

    public Indexed<List<Node>> nodes(WatchSet ws) {
        watch(ws, Catalog.NODES);
        CatalogTables t = tables;
        List<Node> out = new ArrayList<>(t.nodes().values());
        out.sort(BY_NODE);
        return new Indexed<>(t.nodesIndex(), out);
    }

    public Node node(String name) {
        return tables.nodes().get(Catalog.key(name));
    }

    /** Every service name with the union of its instances' tags, sorted by name. */
    public Indexed<Map<String, List<String>>> services(WatchSet ws) {
        watch(ws, Catalog.SERVICES);
        CatalogTables t = tables;
        Map<String, Set<String>> tags = new TreeMap<>();
        for (var perNode : t.services().values()) {
            for (Service s : perNode.values()) {
                tags.computeIfAbsent(s.service(), k -> new LinkedHashSet<>()).addAll(s.tags());
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        tags.forEach((name, set) -> out.put(name, List.copyOf(set)));
        return new Indexed<>(t.servicesIndex(), out);
    }

    public Indexed<List<ServiceNode>> serviceNodes(String name, WatchSet ws) {
        watch(ws, Catalog.serviceTopic(name));
        CatalogTables t = tables;
        List<ServiceNode> out = new ArrayList<>();
        for (Service s : instances(t, name)) {
            out.add(new ServiceNode(t.nodes().get(Catalog.key(s.node())), s));
        }
        return new Indexed<>(t.indexOf(name), out);
    }

    public Indexed<NodeServices> nodeServices(String node, WatchSet ws) {
        watch(ws, Catalog.nodeTopic(node));
        CatalogTables t = tables;
        String key = Catalog.key(node);
        Node n = t.nodes().get(key);
        long idx = Math.max(t.nodesIndex(), t.servicesIndex());
        return new Indexed<>(idx, n == null ? null : new NodeServices(n, t.servicesOn(key)));
    }

    /** Instances of a service with their node checks and service checks, checks sorted by CheckID. */
    public Indexed<List<HealthEntry>> health(String name, WatchSet ws) {
        watch(ws, Catalog.serviceTopic(name));
        CatalogTables t = tables;
        return new Indexed<>(t.indexOf(name), healthEntries(t, name));
    }

    /** Renders a health read (see {@link #health(String, WatchSet, HealthRenderer)}). */
    @FunctionalInterface
    public interface HealthRenderer<R> {
        /**
         * @param index   the service's index: equal indexes always stand for equal entries, so what was rendered
         *                at an index may be reused for it
         * @param entries computes the entries (what {@link #health(String, WatchSet)} returns); only call it on a miss
         */
        R render(long index, java.util.function.Supplier<List<HealthEntry>> entries);
    }

    /** {@link #health(String, WatchSet)} for callers that cache what they render per service index. */
    public <R> Indexed<R> health(String name, WatchSet ws, HealthRenderer<R> renderer) {
        watch(ws, Catalog.serviceTopic(name));
        CatalogTables t = tables;
        long index = t.indexOf(name);
        return new Indexed<>(index, renderer.render(index, () -> healthEntries(t, name)));
    }

    private static List<HealthEntry> healthEntries(CatalogTables t, String name) {
        List<HealthEntry> out = new ArrayList<>();
        for (Service s : instances(t, name)) {
            String nodeKey = Catalog.key(s.node());
            List<Check> checks = new ArrayList<>();
            for (Check c : t.checksOn(nodeKey).values()) {
                if (c.isNodeCheck() || c.serviceId().equals(s.id())) {
                    checks.add(c);
                }
            }
            checks.sort(Comparator.comparing(Check::checkId));
            out.add(new HealthEntry(t.nodes().get(nodeKey), s, checks));
        }
        return out;
    }

    public Indexed<List<Check>> serviceChecks(String name, WatchSet ws) {
        watch(ws, Catalog.serviceTopic(name));
        CatalogTables t = tables;
        List<Check> out = new ArrayList<>();
        for (Service s : instances(t, name)) {
            for (Check c : t.checksOn(Catalog.key(s.node())).values()) {
                if (c.serviceId().equals(s.id())) {
                    out.add(c);
                }
            }
        }
        return new Indexed<>(t.indexOf(name), out);
    }

    public Indexed<List<Check>> nodeChecks(String node, WatchSet ws) {
        watch(ws, Catalog.nodeTopic(node));
        CatalogTables t = tables;
        List<Check> out = new ArrayList<>(t.checksOn(Catalog.key(node)).values());
        out.sort(Comparator.comparing(Check::checkId));
        return new Indexed<>(t.checksIndex(), out);
    }

    /** Checks in a state ({@code any}, {@code passing}, {@code warning}, {@code critical}). */
    public Indexed<List<Check>> checksInState(String state, WatchSet ws) {
        watch(ws, Catalog.CHECKS);
        CatalogTables t = tables;
        List<Check> out = new ArrayList<>();
        for (var perNode : t.checks().values()) {
            for (Check c : perNode.values()) {
                if (state.equals("any") || state.equals(c.status())) {
                    out.add(c);
                }
            }
        }
        out.sort(Comparator.comparing(Check::node).thenComparing(Check::checkId));
        return new Indexed<>(t.checksIndex(), out);
    }

    /** Instances of a service name, sorted by node then ID: cost is the instance count, not the catalog size. */
    private static List<Service> instances(CatalogTables t, String name) {
        PSet<String> refs = t.byName().get(Catalog.key(name));
        List<Service> out = new ArrayList<>();
        if (refs == null) {
            return out;
        }
        for (String ref : refs) {
            int cut = ref.indexOf('\0');
            Service s = t.servicesOn(ref.substring(0, cut)).get(ref.substring(cut + 1));
            if (s != null) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(Service::node).thenComparing(Service::id));
        return out;
    }

    private static void watch(WatchSet ws, String topic) {
        if (ws != null) {
            ws.table(topic);
        }
    }
}
