package io.consulate.agent.local;

import io.consulate.server.CatalogService;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import io.consulate.api.CatalogRegisterRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog's rows for this node match {@link LocalState}: registers what is missing or
 * different, removes what the agent does not know (keeping the built-in {@code consul} service and
 * {@code serfHealth} check). Runs after every local change and periodically, one sync at a time.
 *
 * <p>Consul's {@code check_update_interval}: a check whose <em>output</em> changed but whose status did not is
 * held back for that long (a chatty check must not write through Raft on every run); a status change, or the
 * interval running out, writes it with its latest output. Zero writes every change at once.
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

    private final Duration checkUpdateInterval;
    private final Clock clock;
    /** Checks whose output-only change is being held back, with when the hold began. Sync thread only. */
    private final Map<String, Instant> heldOutput = new HashMap<>();
    /** The pending sync that ends the earliest hold, if any. Sync thread only. */
    private ScheduledFuture<?> flush;
    private final CoalescedTask syncs = new CoalescedTask(worker, this::syncNow);

    /**
     * @param checkUpdateInterval how long an output-only change of a check may wait before it is written
     * @param clock               times those waits
     */
    public AntiEntropy(LocalState local, CatalogStore catalog, CatalogService writer, Duration checkUpdateInterval,
                       Clock clock) {
        this.local = local;
        this.catalog = catalog;
        this.writer = writer;
        this.checkUpdateInterval = checkUpdateInterval;
        this.clock = clock;
    }

    /** Starts the periodic full sync (Consul syncs about once a minute on small clusters). */
    public void start(long periodSeconds) {
        worker.scheduleWithFixedDelay(this::syncQuietly, periodSeconds, periodSeconds, TimeUnit.SECONDS);
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
        heldOutput.keySet().retainAll(checks.stream().map(Check::checkId).toList());

        for (Service s : services) {
            Service remote = remoteServices.get(s.id());
            List<Check> own = checks.stream().filter(c -> c.serviceId().equals(s.id())).toList();
            boolean checksDiffer = own.stream().anyMatch(c -> mustWrite(c, remoteChecks.get(c.checkId())));
            if (remote == null || !remote.sameContent(s.onNodeNamed(node.node())) || checksDiffer) {
                await(writer.register(new Registration(node, s.onNodeNamed(node.node()), bind(own, node), true)));
                own.forEach(c -> heldOutput.remove(c.checkId()));
            }
        }
        List<Check> nodeChecks = checks.stream().filter(Check::isNodeCheck)
                .filter(c -> mustWrite(c, remoteChecks.get(c.checkId()))).toList();
        if (!nodeChecks.isEmpty()) {
            await(writer.register(new Registration(node, null, bind(nodeChecks, node), true)));
            nodeChecks.forEach(c -> heldOutput.remove(c.checkId()));
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

    /**
     * Whether a check must be written now: it differs from the catalog's row, and not only in its output while
     * that output is still being held back (the first such difference starts the hold and a sync at its end).
     */
    private boolean mustWrite(Check local, Check remote) {
        if (!differs(local, remote)) {
            heldOutput.remove(local.checkId());
            return false;
        }
        boolean outputOnly = remote != null && !differs(local.withStatus(local.status(), remote.output()), remote);
        if (!outputOnly || checkUpdateInterval.isZero() || checkUpdateInterval.isNegative()) {
            return true;
        }
        Instant now = clock.instant();
        Instant due = heldOutput.computeIfAbsent(local.checkId(), id -> now).plus(checkUpdateInterval);
        if (!now.isBefore(due)) {
            return true;
        }
        armFlush(Duration.between(now, due));
        return false;
    }

    /** Makes sure a sync runs when the earliest hold ends (one timer; re-armed by that sync if holds remain). */
    private void armFlush(Duration in) {
        if (flush == null) {
            flush = worker.schedule(() -> {
                flush = null;
                syncQuietly();
            }, Math.max(1, in.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void syncQuietly() {
        try {
            syncNow();
        } catch (RuntimeException e) {
            LOG.warn("anti-entropy sync failed: {}", e.toString());
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
