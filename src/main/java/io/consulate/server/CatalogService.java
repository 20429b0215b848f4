package io.consulate.server;

import io.consulate.api.CatalogRegisterRequest;
import io.consulate.api.CatalogRegisterRequest.CheckBody;
import io.consulate.http.HttpError;
import io.consulate.raft.Command;
import io.consulate.raft.RaftNode;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Catalog writes: validates a registration before it enters the Raft log (a committed command must
 * always apply) and proposes it.
 */
public final class CatalogService {
    private static final Set<String> STATUSES = Set.of(Check.PASSING, Check.WARNING, Check.CRITICAL);

    private final RaftNode raft;
    private final CatalogStore catalog;
    private final String datacenter;

    public CatalogService(RaftNode raft, CatalogStore catalog, String datacenter) {
        this.raft = raft;
        this.catalog = catalog;
        this.datacenter = datacenter;
    }

    public CompletableFuture<Void> register(CatalogRegisterRequest r) {
        return raft.apply(new Command.CatalogRegister(validate(r))).thenApply(x -> null);
    }

    /** Applies an already-built registration (the agent's own node). */
    public CompletableFuture<Void> register(Registration r) {
        return raft.apply(new Command.CatalogRegister(r)).thenApply(x -> null);
    }

    public CompletableFuture<Void> deregister(CatalogRegisterRequest.Deregister d) {
        checkDatacenter(d.datacenter());
        if (blank(d.node())) {
            throw HttpError.badRequest("Must provide node");
        }
        return raft.apply(new Command.CatalogDeregister(d.node(), orEmpty(d.serviceId()), orEmpty(d.checkId())))
                .thenApply(x -> null);
    }

    /**
     * Turns a request into a registration, with Consul's rules: node and address required (address not
     * with SkipNodeUpdate on a known node), service name required, statuses known, and a check's service
     * must exist on the node (in this registration or already).
     */
    Registration validate(CatalogRegisterRequest r) {
        checkDatacenter(r.datacenter());
        if (blank(r.node())) {
            throw HttpError.badRequest("Must provide node");
        }
        Node known = catalog.node(r.node());
        if (blank(r.address()) && !(r.skipNodeUpdate() && known != null)) {
            throw HttpError.badRequest("Must provide address");
        }
        Node node = r.skipNodeUpdate() && known != null ? known
                : new Node(orEmpty(r.id()), r.node(), r.address(), datacenter, r.taggedAddresses(), r.nodeMeta(), 0, 0);
        Service service = null;
        if (r.service() != null) {
            var s = r.service();
            if (blank(s.service())) {
                throw HttpError.badRequest("Must provide service name");
            }
            service = new Service(r.node(), s.kind(), s.id(), s.service(), s.tags(), s.address(), s.taggedAddresses(),
                    s.meta(), s.port(), s.weights(), s.enableTagOverride(), 0, 0);
        }
        List<CheckBody> bodies = new ArrayList<>();
        if (r.check() != null) {
            bodies.add(r.check());
        }
        if (r.checks() != null) {
            bodies.addAll(r.checks());
        }
        List<Check> checks = new ArrayList<>();
        for (CheckBody c : bodies) {
            checks.add(check(r.node(), c, service));
        }
        return new Registration(node, service, checks, r.skipNodeUpdate());
    }

    private Check check(String node, CheckBody c, Service service) {
        String id = !blank(c.checkId()) ? c.checkId() : !blank(c.id()) ? c.id() : c.name();
        if (blank(id)) {
            throw HttpError.badRequest("Must provide check ID or name");
        }
        String status = blank(c.status()) ? Check.CRITICAL : c.status();
        if (!STATUSES.contains(status)) {
            throw HttpError.badRequest("Invalid check status: \"" + status + "\"");
        }
        String serviceId = orEmpty(c.serviceId());
        if (!serviceId.isEmpty() && (service == null || !service.id().equals(serviceId))
                && !hasService(node, serviceId)) {
            throw HttpError.badRequest("Unknown service ID \"" + serviceId + "\" for check \"" + id + "\"");
        }
        return new Check(node, id, blank(c.name()) ? id : c.name(), status, c.notes(), c.output(), serviceId, "",
                null, "", c.definition(), 0, 0);
    }

    private boolean hasService(String node, String serviceId) {
        var onNode = catalog.nodeServices(node, null).value();
        return onNode != null && onNode.services().containsKey(serviceId);
    }

    private void checkDatacenter(String dc) {
        requireLocal(dc, datacenter);
    }

    /** Consul's answer for a datacenter this server cannot reach (names compare case-insensitively). */
    static void requireLocal(String dc, String datacenter) {
        if (!blank(dc) && !dc.equalsIgnoreCase(datacenter)) {
            throw new HttpError(500, "No path to datacenter");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
