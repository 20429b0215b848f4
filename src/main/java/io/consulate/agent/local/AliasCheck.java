// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.local;

import io.consulate.agent.checks.CheckDefinition;
import io.consulate.agent.checks.CheckResult;
import io.consulate.state.Waiter;
import io.consulate.state.WatchSet;
import io.consulate.state.Watches;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.CatalogViews.NodeServices;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * An alias check: mirrors the health of a service instance ({@code alias_service}) and/or a node
 * ({@code alias_node}, this agent's node when empty) as the catalog shows it. Critical if any of the aliased checks
 * is critical, else warning if any is warning, else passing; the node's own checks count too.
 *
 * <p>Why a store watch rather than a loop: the check reads the aliased node's checks with a {@link WatchSet} and
 * parks one one-shot {@link Waiter} on that node's topic, so it costs nothing until the catalog changes there and
 * then re-evaluates once. Outputs are Consul's texts: {@code "All checks passing."}, {@code "No checks found."},
 * {@code "Aliased check \"<name>\" failing: <output>"} and {@code "Service <id> could not be found on node
 * <alias_node>"}.
 */
final class AliasCheck implements AutoCloseable {

    private final String checkId;
    private final String node;
    private final String aliasNode;
    private final String aliasService;
    private final CatalogStore catalog;
    private final Watches watches;
    private final Executor executor;
    private final BiConsumer<String, CheckResult> listener;
    private Waiter waiter;
    private boolean closed;

    /**
     * @param selfNode this agent's node, aliased when the definition names no node
     * @param executor where re-evaluations run when the catalog changes
     * @param listener receives every evaluated result (the caller drops repeats)
     */
    AliasCheck(String checkId, CheckDefinition.Alias def, String selfNode, CatalogStore catalog, Watches watches,
               Executor executor, BiConsumer<String, CheckResult> listener) {
        this.checkId = checkId;
        this.aliasNode = def.aliasNode();
        this.aliasService = def.aliasService();
        this.node = aliasNode.isEmpty() ? selfNode : aliasNode;
        this.catalog = catalog;
        this.watches = watches;
        this.executor = executor;
        this.listener = listener;
    }

    /** Evaluates now and after every change to the aliased node's rows, until {@link #close()}. */
    void start() {
        evaluate();
    }

    private void evaluate() {
        CheckResult result;
        synchronized (this) {
            if (closed) {
                return;
            }
            // Park first, then read: a change after the park fires it, a change before it is in the read.
            WatchSet ws = new WatchSet();
            catalog.nodeChecks(node, ws);
            waiter = watches.register(ws, executor, this::evaluate);
            List<Check> checks = catalog.nodeChecks(node, null).value();
            NodeServices services = catalog.nodeServices(node, null).value();
            boolean serviceExists = services != null && services.services().containsKey(aliasService);
            result = evaluate(checks.stream().filter(c -> !c.checkId().equals(checkId)).toList(), serviceExists);
            listener.accept(checkId, result);
        }
    }

    /** Consul's rule over the aliased node's checks; {@code serviceExists} says whether the service is there. */
    CheckResult evaluate(List<Check> checks, boolean serviceExists) {
        String status = CheckResult.PASSING;
        String output = "No checks found.";
        boolean serviceFound = false;
        for (Check c : checks) {
            boolean serviceMatch = c.serviceId().equals(aliasService);
            if (!c.serviceId().isEmpty() && !serviceMatch) {
                continue;
            }
            serviceFound |= serviceMatch;
            if (c.status().equals(CheckResult.CRITICAL) || c.status().equals(CheckResult.WARNING)) {
                status = c.status();
                output = "Aliased check \"" + c.name() + "\" failing: " + c.output();
                if (status.equals(CheckResult.CRITICAL)) {
                    break;
                }
            } else if (status.equals(CheckResult.PASSING)) {
                output = "All checks passing.";
            }
        }
        if (!serviceFound && !serviceExists) {
            return CheckResult.critical("Service " + aliasService + " could not be found on node " + aliasNode);
        }
        return new CheckResult(status, output);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (waiter != null) {
            waiter.cancel();
        }
    }
}
