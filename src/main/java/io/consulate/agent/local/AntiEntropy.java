package io.consulate.agent.local;

import io.consulate.server.CatalogService;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import io.consulate.api.CatalogRegisterRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog's rows for this node match {@link LocalState}: registers what is missing or
 * different, removes what the agent does not know (keeping the built-in {@code consul} service and
 * {@code serfHealth} check). Runs after every local change and periodically, one sync at a time.
 */
public final class AntiEntropy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AntiEntropy.class);
    private static final Set<String> BUILT_IN_SERVICES = Set.of("consul");
    private static final Set<String> BUILT_IN_CHECKS = Set.of("serfHealth");

    private final LocalState local;
    private final CatalogStore catalog;
    private final CatalogService writer;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consulate-anti-entropy");
        t.setDaemon(true);
        return t;
    });

    private final CoalescedTask syncs = new CoalescedTask(worker, this::syncNow);

    public AntiEntropy(LocalState local, CatalogStore catalog, CatalogService writer) {
        this.local = local;
        this.catalog = catalog;
        this.writer = writer;
    }

    /** Starts the periodic full sync (Consul syncs about once a minute on small clusters). */
    public void start(long periodSeconds) {
        worker.scheduleWithFixedDelay(() -> {
            try {
                syncNow();
            } catch (RuntimeException e) {
                LOG.warn("anti-entropy sync failed: {}", e.toString());
            }
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    /**
     * Syncs soon; completes when this node's catalog rows match the local state. A sync compares the whole node, so
     * requests made while one is still queued share it (10,000 check results arriving together cost one or two
     * syncs, not 10,000).
     */
    public CompletableFuture<Void> sync() {
        return syncs.request();
    }

    private void syncNow() {
        String self = local.nodeName();
        Node node = catalog.node(self);
        if (node == null) {
            return; // the agent registers its node at start; nothing to attach services to yet
        }
        var onNode = catalog.nodeServices(self, null).value();
        Map<String, Service> remoteServices = onNode == null ? Map.of() : onNode.services();
        Map<String, Check> remoteChecks = new java.util.HashMap<>();
        catalog.nodeChecks(self, null).value().forEach(c -> remoteChecks.put(c.checkId(), c));
        List<Service> services = local.services();
        List<Check> checks = local.checks();

        for (Service s : services) {
            Service remote = remoteServices.get(s.id());
            List<Check> own = checks.stream().filter(c -> c.serviceId().equals(s.id())).toList();
            boolean checksDiffer = own.stream().anyMatch(c -> differs(c, remoteChecks.get(c.checkId())));
            if (remote == null || !remote.sameContent(s.onNodeNamed(node.node())) || checksDiffer) {
                await(writer.register(new Registration(node, s.onNodeNamed(node.node()), bind(own, node), true)));
            }
        }
        List<Check> nodeChecks = checks.stream().filter(Check::isNodeCheck)
                .filter(c -> differs(c, remoteChecks.get(c.checkId()))).toList();
        if (!nodeChecks.isEmpty()) {
            await(writer.register(new Registration(node, null, bind(nodeChecks, node), true)));
        }
        for (String id : remoteServices.keySet()) {
            if (!BUILT_IN_SERVICES.contains(id) && local.service(id) == null) {
                await(writer.deregister(new CatalogRegisterRequest.Deregister(self, id, null, null)));
            }
        }
        for (Check c : remoteChecks.values()) {
            boolean serviceGone = !c.serviceId().isEmpty() && local.service(c.serviceId()) == null;
            if (!BUILT_IN_CHECKS.contains(c.checkId()) && local.check(c.checkId()) == null && !serviceGone) {
                await(writer.deregister(new CatalogRegisterRequest.Deregister(self, null, c.checkId(), null)));
            }
        }
    }

    private static boolean differs(Check local, Check remote) {
        return remote == null || !remote.sameContent(local.onNodeNamed(remote.node(), remote.serviceName(), remote.serviceTags()));
    }

    private static List<Check> bind(List<Check> checks, Node node) {
        List<Check> out = new ArrayList<>(checks.size());
        for (Check c : checks) {
            out.add(c.onNodeNamed(node.node(), c.serviceName(), c.serviceTags()));
        }
        return out;
    }

    private static void await(CompletableFuture<Void> f) {
        f.join();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
