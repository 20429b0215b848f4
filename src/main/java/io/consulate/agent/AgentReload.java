// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent;

import io.consulate.agent.config.AgentConfig;
import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.local.ConfiguredRegistrations;
import io.consulate.agent.local.DefinitionCheckParser;
import io.consulate.agent.local.LocalState;
import io.consulate.watch.WatchManager;
import io.consulate.watch.WatchSpec;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consul's agent reload ({@code PUT /v1/agent/reload}, {@code consulate reload}, SIGHUP): read the
 * configuration again and make the config-file services, checks and watches match it. Everything is checked
 * before anything changes, so a bad file leaves the running agent as it was. Settings that need a restart
 * (ports, addresses, data dir, node name) are not re-applied, as in Consul.
 */
public final class AgentReload {
    private static final Logger LOG = LoggerFactory.getLogger(AgentReload.class);

    private final String nodeName;
    private final LocalState local;
    private final DefinitionCheckParser checks;
    private final AntiEntropy antiEntropy;
    private final AtomicReference<WatchManager> watches = new AtomicReference<>();
    private final AtomicReference<Supplier<AgentConfig>> source;

    AgentReload(AgentConfig started, LocalState local, DefinitionCheckParser checks, AntiEntropy antiEntropy) {
        this.nodeName = started.nodeName(); // a reload never renames the node (a restart does)
        this.local = local;
        this.checks = checks;
        this.antiEntropy = antiEntropy;
        this.source = new AtomicReference<>(() -> started);
    }

    void watches(WatchManager w) {
        watches.set(w);
    }

    /** Where a reload reads the configuration from (the command line's files); by default the start config. */
    public void source(Supplier<AgentConfig> configSource) {
        source.set(configSource);
    }

    /**
     * Reads the configuration and applies it.
     *
     * @throws IllegalArgumentException when the configuration cannot be read or a definition in it is bad
     */
    public synchronized void reload() {
        AgentConfig next = source.get().get();
        try {
            WatchManager.parseAll(next.watches());
        } catch (WatchSpec.InvalidWatchException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ConfiguredRegistrations configured = ConfiguredRegistrations.parse(next.services(), next.checks(),
                nodeName, checks);
        configured.requireServicesFor(local.apiServiceIds());
        local.dropConfiguredExcept(configured.serviceIds(), configured.checkIds());
        configured.applyTo(local);
        WatchManager w = watches.get();
        if (w != null) {
            try {
                w.reload(next.watches(), false);
            } catch (WatchSpec.InvalidWatchException e) {
                throw new IllegalArgumentException(e.getMessage(), e); // checked above; kept for the compiler
            }
        }
        antiEntropy.sync();
        LOG.info("Reloaded configuration: {} service/check definitions, {} watches", configured.size(),
                next.watches().size());
    }
}
