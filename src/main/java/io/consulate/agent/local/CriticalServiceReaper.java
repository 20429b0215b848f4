// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.local;

import io.consulate.agent.checks.CheckDefinition;
import io.consulate.state.catalog.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consul's {@code deregister_critical_service_after}: removes a local service once one of its checks that asks for
 * it has been critical, without a break, for longer than its duration (never less than one minute, Consul's
 * {@code check_deregister_interval_min}). Runs every {@code check_reap_interval} (30 s, as in Consul), so a
 * service goes between the duration and the duration plus one period.
 *
 * <p>Why in the agent and not the servers: the agent owns its services; removing one locally lets anti-entropy
 * delete it from the catalog like any deregistration.
 */
public final class CriticalServiceReaper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CriticalServiceReaper.class);
    /** Consul's {@code check_reap_interval}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private final LocalState local;
    private final Function<Map<String, Object>, Duration> deregisterAfter;
    private final Duration minimum;
    private final Runnable afterReap;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consulate-service-reaper");
        t.setDaemon(true);
        return t;
    });

    /**
     * A reaper with Consul's one-minute minimum.
     *
     * @param afterReap runs after services were removed (the agent syncs the catalog)
     */
    public CriticalServiceReaper(LocalState local, DefinitionCheckParser parser, Runnable afterReap) {
        this(local, raw -> parser.definition(raw, false).common().deregisterCriticalServiceAfter(),
                CheckDefinition.MIN_DEREGISTER_CRITICAL_SERVICE_AFTER, afterReap);
    }

    /** For tests: how a definition's duration is read, and a shorter minimum. */
    CriticalServiceReaper(LocalState local, Function<Map<String, Object>, Duration> deregisterAfter,
                          Duration minimum, Runnable afterReap) {
        this.local = local;
        this.deregisterAfter = deregisterAfter;
        this.minimum = minimum;
        this.afterReap = afterReap;
    }

    /** Reaps every {@code period} from now on. */
    public void start(Duration period) {
        long ms = period.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                reapOnce();
            } catch (RuntimeException e) {
                LOG.warn("service reaper failed: {}", e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Removes the services whose time is up; returns their IDs. */
    public List<String> reapOnce() {
        Set<String> reaped = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Check c : local.checks()) {
            if (c.serviceId().isEmpty() || reaped.contains(c.serviceId())) {
                continue;
            }
            Duration critical = local.criticalFor(c.checkId());
            Duration after = timeout(c.checkId());
            if (critical != null && !after.isZero() && critical.compareTo(after) > 0) {
                reaped.add(c.serviceId());
                if (local.removeService(c.serviceId())) {
                    out.add(c.serviceId());
                    LOG.info("Check for service has been critical for too long; deregistered service: service={}"
                            + " check={}", c.serviceId(), c.checkId());
                }
            }
        }
        if (!out.isEmpty()) {
            afterReap.run();
        }
        return out;
    }

    /** The check's deregister-after, raised to the minimum; zero when it has none or it cannot be read. */
    private Duration timeout(String checkId) {
        Map<String, Object> raw = local.definition(checkId);
        if (raw == null || raw.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            d = deregisterAfter.apply(raw);
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            return Duration.ZERO;
        }
        return d.compareTo(minimum) < 0 ? minimum : d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
