package io.consulate.state.catalog;

import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * One immutable version of the catalog: nodes, the services and checks on each node, a by-name index of
 * service instances, and the indexes blocking queries compare against. Mutations return a new version;
 * {@link #touched} collects the watch topics the change affects.
 *
 * @param byName       service name key to the set of instance refs ({@code nodeKey + '\0' + serviceId})
 * @param serviceIndex service name key to the index of the last change any query of that name can see
 */
record CatalogTables(
        PMap<String, Node> nodes,
        PMap<String, PMap<String, Service>> services,
        PMap<String, PMap<String, Check>> checks,
        PMap<String, PSet<String>> byName,
        PMap<String, Long> serviceIndex,
        long nodesIndex, long servicesIndex, long checksIndex) {

    static final CatalogTables EMPTY = new CatalogTables(HashTreePMap.empty(), HashTreePMap.empty(),
            HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), 0, 0, 0);

    static String ref(String nodeKey, String serviceId) {
        return nodeKey + '\0' + serviceId;
    }

    PMap<String, Service> servicesOn(String nodeKey) {
        PMap<String, Service> m = services.get(nodeKey);
        return m == null ? HashTreePMap.empty() : m;
    }

    PMap<String, Check> checksOn(String nodeKey) {
        PMap<String, Check> m = checks.get(nodeKey);
        return m == null ? HashTreePMap.empty() : m;
    }

    /** The highest index any catalog table has reached. */
    long maxIndex() {
        return Math.max(nodesIndex, Math.max(servicesIndex, checksIndex));
    }

    /** Index of a service name; a name nobody registers falls back to the newest table index. */
    long indexOf(String serviceName) {
        Long idx = serviceIndex.get(Catalog.key(serviceName));
        return idx != null ? idx : maxIndex();
    }

    CatalogTables withNode(long idx, Node n, Set<String> touched) {
        CatalogTables t = new CatalogTables(nodes.plus(n.key(), n), services, checks, byName, serviceIndex,
                idx, servicesIndex, checksIndex);
        touched.add(Catalog.NODES);
        return t.bumpNode(idx, n.key(), touched);
    }

    CatalogTables withService(long idx, String nodeKey, Service s, Set<String> touched) {
        Service old = servicesOn(nodeKey).get(s.id());
        PMap<String, PSet<String>> names = byName;
        PMap<String, Long> sIdx = serviceIndex;
        if (old != null && !Catalog.key(old.service()).equals(Catalog.key(s.service()))) {
            names = removeRef(names, Catalog.key(old.service()), ref(nodeKey, s.id()));
            sIdx = sIdx.plus(Catalog.key(old.service()), idx);
            touched.add(Catalog.serviceTopic(old.service()));
        }
        String nameKey = Catalog.key(s.service());
        PSet<String> refs = names.getOrDefault(nameKey, HashTreePSet.empty());
        names = names.plus(nameKey, refs.plus(ref(nodeKey, s.id())));
        sIdx = sIdx.plus(nameKey, idx);
        touched.add(Catalog.SERVICES);
        touched.add(Catalog.serviceTopic(s.service()));
        touched.add(Catalog.nodeTopic(s.node()));
        return new CatalogTables(nodes, services.plus(nodeKey, servicesOn(nodeKey).plus(s.id(), s)), checks,
                names, sIdx, nodesIndex, idx, checksIndex);
    }

    CatalogTables withCheck(long idx, String nodeKey, Check c, Set<String> touched) {
        touched.add(Catalog.CHECKS);
        touched.add(Catalog.nodeTopic(c.node()));
        CatalogTables t = new CatalogTables(nodes, services, checks.plus(nodeKey, checksOn(nodeKey).plus(c.checkId(), c)),
                byName, serviceIndex, nodesIndex, servicesIndex, idx);
        return c.isNodeCheck() ? t.bumpNode(idx, nodeKey, touched) : t.bumpService(idx, c.serviceName(), touched);
    }

    CatalogTables withoutCheck(long idx, String nodeKey, String checkId, Set<String> touched) {
        Check c = checksOn(nodeKey).get(checkId);
        if (c == null) {
            return this;
        }
        touched.add(Catalog.CHECKS);
        touched.add(Catalog.nodeTopic(c.node()));
        PMap<String, Check> left = checksOn(nodeKey).minus(checkId);
        CatalogTables t = new CatalogTables(nodes, services, left.isEmpty() ? checks.minus(nodeKey) : checks.plus(nodeKey, left),
                byName, serviceIndex, nodesIndex, servicesIndex, idx);
        return c.isNodeCheck() ? t.bumpNode(idx, nodeKey, touched) : t.bumpService(idx, c.serviceName(), touched);
    }

    CatalogTables withoutService(long idx, String nodeKey, String serviceId, Set<String> touched) {
        Service s = servicesOn(nodeKey).get(serviceId);
        if (s == null) {
            return this;
        }
        CatalogTables t = this;
        for (Check c : checksOn(nodeKey).values()) {
            if (c.serviceId().equals(serviceId)) {
                t = t.withoutCheck(idx, nodeKey, c.checkId(), touched);
            }
        }
        String nameKey = Catalog.key(s.service());
        PMap<String, Service> left = t.servicesOn(nodeKey).minus(serviceId);
        touched.add(Catalog.SERVICES);
        touched.add(Catalog.serviceTopic(s.service()));
        touched.add(Catalog.nodeTopic(s.node()));
        return new CatalogTables(t.nodes, left.isEmpty() ? t.services.minus(nodeKey) : t.services.plus(nodeKey, left),
                t.checks, removeRef(t.byName, nameKey, ref(nodeKey, serviceId)), t.serviceIndex.plus(nameKey, idx),
                t.nodesIndex, idx, t.checksIndex);
    }

    CatalogTables withoutNode(long idx, String nodeKey, Set<String> touched) {
        Node n = nodes.get(nodeKey);
        if (n == null) {
            return this;
        }
        CatalogTables t = this;
        for (String serviceId : servicesOn(nodeKey).keySet()) {
            t = t.withoutService(idx, nodeKey, serviceId, touched);
        }
        for (String checkId : t.checksOn(nodeKey).keySet()) {
            t = t.withoutCheck(idx, nodeKey, checkId, touched);
        }
        touched.add(Catalog.NODES);
        touched.add(Catalog.nodeTopic(n.node()));
        return new CatalogTables(t.nodes.minus(nodeKey), t.services, t.checks, t.byName, t.serviceIndex, idx,
                t.servicesIndex, t.checksIndex);
    }

    /** A node-level change is visible in every health query of the services on that node. */
    private CatalogTables bumpNode(long idx, String nodeKey, Set<String> touched) {
        CatalogTables t = this;
        touched.add(Catalog.nodeTopic(nodeKey));
        for (Service s : servicesOn(nodeKey).values()) {
            t = t.bumpService(idx, s.service(), touched);
        }
        return t;
    }

    private CatalogTables bumpService(long idx, String serviceName, Set<String> touched) {
        touched.add(Catalog.serviceTopic(serviceName));
        return new CatalogTables(nodes, services, checks, byName, serviceIndex.plus(Catalog.key(serviceName), idx),
                nodesIndex, servicesIndex, checksIndex);
    }

    private static PMap<String, PSet<String>> removeRef(PMap<String, PSet<String>> names, String nameKey, String ref) {
        PSet<String> refs = names.get(nameKey);
        if (refs == null) {
            return names;
        }
        PSet<String> left = refs.minus(ref);
        return left.isEmpty() ? names.minus(nameKey) : names.plus(nameKey, left);
    }
}
