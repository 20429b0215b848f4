package io.consulate.agent.local;

import io.consulate.agent.checks.CheckDefinition;
import io.consulate.agent.checks.CheckResult;
import io.consulate.agent.checks.CheckRunnerFactory;
import io.consulate.agent.checks.CheckScheduler;
import io.consulate.agent.checks.TtlCheck;
import io.consulate.state.Watches;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's checks: keeps one scheduled runner (or TTL watch) per local check with a definition,
 * rescheduling when a definition changes and stopping when a check goes; feeds results into
 * {@link LocalState} and asks {@link AntiEntropy} to push real changes to the catalog.
 */
public final class CheckManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckManager.class);

    private final LocalState local;
    private final DefinitionCheckParser parser;
    private final CheckRunnerFactory runners;
    private final AntiEntropy sync;
    private final Clock clock;
    private final CheckScheduler scheduler;
    private final Map<String, Map<String, Object>> scheduled = new ConcurrentHashMap<>();
    private final Map<String, TtlCheck> ttls = new ConcurrentHashMap<>();
    private final Map<String, AliasCheck> aliases = new ConcurrentHashMap<>();
    private final CatalogStore catalog;
    private final Watches watches;
    private final ExecutorService aliasExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean reconcilePending = new AtomicBoolean();

    /**
     * @param catalog the catalog alias checks read
     * @param watches the store's watches, on which alias checks park until the aliased rows change
     */
    public CheckManager(LocalState local, DefinitionCheckParser parser, CheckRunnerFactory runners, AntiEntropy sync,
                        CatalogStore catalog, Watches watches, Clock clock, java.util.Random random) {
        this.local = local;
        this.catalog = catalog;
        this.watches = watches;
        this.parser = parser;
        this.runners = runners;
        this.sync = sync;
        this.clock = clock;
        this.scheduler = CheckScheduler.create(random, this::onResult);
        local.onMembershipChange(this::requestReconcile);
    }

    /** Queues a {@link #reconcile()} off the caller's thread, coalescing requests that arrive meanwhile. */
    private void requestReconcile() {
        if (reconcilePending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("consulate-check-reconcile").start(() -> {
                reconcilePending.set(false);
                reconcile();
            });
        }
    }

    /** Brings the running checks in line with the local state. Called after every registration change. */
    public synchronized void reconcile() {
        Set<String> present = new HashSet<>();
        for (Check c : local.checks()) {
            Map<String, Object> def = local.definition(c.checkId());
            if (def == null || def.isEmpty()) {
                continue; // maintenance checks and others with nothing to run
            }
            present.add(c.checkId());
            if (!def.equals(scheduled.get(c.checkId()))) {
                start(c.checkId(), def);
            }
        }
        for (String id : Set.copyOf(scheduled.keySet())) {
            if (!present.contains(id)) {
                stop(id);
                scheduled.remove(id);
            }
        }
    }

    private void stop(String id) {
        scheduler.unschedule(id);
        ttls.remove(id);
        AliasCheck alias = aliases.remove(id);
        if (alias != null) {
            alias.close();
        }
    }

    private void start(String id, Map<String, Object> raw) {
        stop(id);
        try {
            CheckDefinition def = parser.definition(raw, false);
            switch (def) {
                case CheckDefinition.Ttl ttl -> {
                    TtlCheck state = runners.ttl(ttl, clock);
                    ttls.put(id, state);
                    scheduler.watchTtl(id, state);
                }
                case CheckDefinition.Alias alias -> {
                    AliasCheck check = new AliasCheck(id, alias, local.nodeName(), catalog, watches, aliasExecutor,
                            this::onResult);
                    aliases.put(id, check);
                    check.start();
                }
                default -> scheduler.schedule(id, def, runners.create(def));
            }
            scheduled.put(id, raw);
        } catch (RuntimeException e) {
            LOG.warn("cannot run check {}: {}", id, e.getMessage());
        }
    }

    /** A TTL check was updated through the API: its clock restarts with that status and output. */
    public void ttlUpdated(String id, String status) {
        TtlCheck ttl = ttls.get(id);
        Check c = local.check(id);
        if (ttl != null && c != null) {
            ttl.update(status, c.output());
        }
    }

    private void onResult(String id, CheckResult result) {
        Check c = local.check(id);
        if (c == null || (c.status().equals(result.status()) && c.output().equals(result.output()))) {
            return;
        }
        local.updateCheck(id, result.status(), result.output());
        sync.sync();
    }

    @Override
    public void close() {
        local.onMembershipChange(() -> { });
        scheduler.close();
        aliases.values().forEach(AliasCheck::close);
        aliasExecutor.shutdownNow();
        runners.close();
    }
}
