package io.consulate.agent.local;

import io.consulate.agent.config.Durations;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this agent is authoritative for: the services and checks registered with it (through its API or
 * config files). The catalog's rows for this node are made to match it by {@link AntiEntropy}.
 *
 * <p>Rows here carry no Raft indexes; check rows carry the current status and output. All methods are
 * synchronized: registrations are rare, and readers get copies.
 */
public final class LocalState {
    private final String nodeName;
    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, Check> checks = new TreeMap<>();
    private final Map<String, Map<String, Object>> definitions = new LinkedHashMap<>();
    private final Map<String, Instant> criticalSince = new HashMap<>();
    /**
     * IDs registered from config files: not written to the data dir (the files bring them back); only a TTL
     * check's last status is, by ID, so that it survives a restart as an API check's does.
     */
    private final Set<String> configuredServices = new HashSet<>();
    private final Set<String> configuredChecks = new HashSet<>();
    private final ConfiguredCheckStates configuredStates;
    private final LocalStore persistence;
    private final Clock clock;
    private volatile Runnable onMembershipChange = () -> { };
    /** Run once at the next change of a service (added, replaced or removed), then dropped. */
    private final Set<Runnable> serviceWaiters = new HashSet<>();

    /** @param persistence where registrations survive restarts, or {@link LocalStore#NONE} in dev mode */
    public LocalState(String nodeName, LocalStore persistence) {
        this(nodeName, persistence, Clock.systemUTC());
    }

    /** @param clock dates when checks turn critical (for {@code deregister_critical_service_after}) */
    public LocalState(String nodeName, LocalStore persistence, Clock clock) {
        this.nodeName = nodeName;
        this.persistence = persistence;
        this.clock = clock;
        this.configuredStates = new ConfiguredCheckStates(persistence, clock);
    }

    /**
     * Sets what runs after a service or check is added or removed (not after a status update). It is called
     * with this object's lock held, so it must only hand the work off (the check manager queues a reconcile).
     */
    public void onMembershipChange(Runnable listener) {
        this.onMembershipChange = listener;
    }

    /**
     * Runs {@code waiter} once, at the next change of any local service (added, replaced or removed). It runs
     * with this object's lock held, so it must only hand the work off. Register before reading, so no change
     * is missed; the returned action unregisters it (for a request that was answered or went away).
     */
    public synchronized Runnable onNextServiceChange(Runnable waiter) {
        serviceWaiters.add(waiter);
        return () -> {
            synchronized (this) {
                serviceWaiters.remove(waiter);
            }
        };
    }

    private void servicesChanged() {
        List<Runnable> due = List.copyOf(serviceWaiters);
        serviceWaiters.clear();
        due.forEach(Runnable::run);
    }

    public String nodeName() {
        return nodeName;
    }

    /** Loads what an earlier run persisted. */
    public synchronized void load() {
        for (Service s : persistence.loadServices()) {
            services.put(s.id(), s);
        }
        for (LocalStore.StoredCheck c : persistence.loadChecks()) {
            Check row = restored(c);
            checks.put(row.checkId(), row);
            definitions.put(row.checkId(), c.definition());
            trackCritical(null, row);
        }
        configuredStates.load();
    }

    /**
     * Adds or replaces a service and its checks. With {@code replaceExistingChecks}, checks of that
     * service not in {@code newChecks} are removed (Consul's {@code replace-existing-checks}).
     */
    public synchronized void addService(Service service, List<LocalCheck> newChecks, boolean replaceExistingChecks) {
        configuredServices.remove(service.id());
        newChecks.forEach(c -> claimForApi(c.check().checkId()));
        putService(service, newChecks, replaceExistingChecks);
    }

    /**
     * Adds a service (and its checks) from a config file, replacing its checks as a registration with
     * {@code replace-existing-checks} would. It is not persisted, and an earlier API registration's files for
     * the same IDs are removed, so taking it out of the config files removes it at the next start (Consul's rule).
     * A TTL check starts from the status an earlier run saved for its ID while that TTL has not run out.
     */
    public synchronized void addConfigured(Service service, List<LocalCheck> newChecks) {
        configuredServices.add(service.id());
        persistence.deleteService(service.id());
        List<LocalCheck> restored = new ArrayList<>();
        for (LocalCheck c : newChecks) {
            configuredChecks.add(c.check().checkId());
            persistence.deleteCheck(c.check().checkId());
            restored.add(withSavedState(c));
        }
        putService(service, restored, true);
    }

    /**
     * Forgets the saved statuses no config file claimed: the checks were taken out of the files while the agent
     * was stopped. Called once the files' registrations are applied.
     */
    public synchronized void dropUnclaimedCheckStates() {
        configuredStates.dropUnclaimed(configuredChecks);
    }

    private LocalCheck withSavedState(LocalCheck c) {
        return new LocalCheck(configuredStates.claim(c.check()), c.definition());
    }

    /** An ID registered through the API is no longer a config-file check, nor is its saved status kept apart. */
    private void claimForApi(String checkId) {
        if (configuredChecks.remove(checkId)) {
            configuredStates.forget(checkId);
        }
    }

    /** IDs of the services registered through the API (not from config files). */
    public synchronized Set<String> apiServiceIds() {
        Set<String> ids = new HashSet<>(services.keySet());
        ids.removeAll(configuredServices);
        return ids;
    }

    /** Removes the config-file services and checks a reload no longer defines; API registrations stay. */
    public synchronized void dropConfiguredExcept(Set<String> keepServices, Set<String> keepChecks) {
        for (String id : List.copyOf(configuredServices)) {
            if (!keepServices.contains(id)) {
                removeService(id);
            }
        }
        for (String id : List.copyOf(configuredChecks)) {
            if (!keepChecks.contains(id)) {
                removeCheck(id);
            }
        }
    }

    /**
     * Adds a node or service check from a config file; not persisted (see {@link #addConfigured}). Re-added by a
     * reload, it keeps its current status and output, as a service's checks do.
     */
    public synchronized void addConfiguredCheck(LocalCheck c) {
        configuredChecks.add(c.check().checkId());
        persistence.deleteCheck(c.check().checkId());
        addCheckRow(keepingState(withSavedState(c)), false);
        onMembershipChange.run();
    }

    private void putService(Service service, List<LocalCheck> newChecks, boolean replaceExistingChecks) {
        services.put(service.id(), service);
        if (!configuredServices.contains(service.id())) {
            persistence.saveService(service);
        }
        if (replaceExistingChecks) {
            for (Check c : List.copyOf(checks.values())) {
                if (c.serviceId().equals(service.id()) && newChecks.stream().noneMatch(n -> n.check().checkId().equals(c.checkId()))) {
                    removeCheck(c.checkId());
                }
            }
        }
        for (LocalCheck c : newChecks) {
            addCheckRow(keepingState(c), !configuredChecks.contains(c.check().checkId()));
        }
        servicesChanged();
        onMembershipChange.run();
    }

    /**
     * A service's check as re-registered: when a check with its ID exists, its status and output carry over
     * (Consul snapshots check state around a service registration), so a client that re-registers periodically
     * does not reset its TTL check to the initial status.
     */
    private LocalCheck keepingState(LocalCheck c) {
        Check prev = checks.get(c.check().checkId());
        if (prev == null) {
            return c;
        }
        return new LocalCheck(c.check().withStatus(prev.status(), prev.output()), c.definition());
    }


    /** Removes a service and every check bound to it; false when it was not registered. */
    public synchronized boolean removeService(String id) {
        if (services.remove(id) == null) {
            return false;
        }
        configuredServices.remove(id);
        persistence.deleteService(id);
        for (Check c : List.copyOf(checks.values())) {
            if (c.serviceId().equals(id)) {
                removeCheck(c.checkId());
            }
        }
        servicesChanged();
        onMembershipChange.run();
        return true;
    }

    /** Adds or replaces a check; one added through the API is persisted. */
    public synchronized void addCheck(LocalCheck c) {
        claimForApi(c.check().checkId());
        addCheckRow(c, true);
        onMembershipChange.run();
    }

    private void addCheckRow(LocalCheck c, boolean persist) {
        Check existing = checks.get(c.check().checkId());
        Check row = c.check();
        checks.put(row.checkId(), row);
        definitions.put(row.checkId(), c.definition());
        trackCritical(existing, row);
        if (persist && (existing == null || !existing.equals(row))) {
            persistence.saveCheck(new LocalStore.StoredCheck(row, c.definition()));
        }
    }

    public synchronized boolean removeCheck(String id) {
        definitions.remove(id);
        criticalSince.remove(id);
        boolean configured = configuredChecks.remove(id);
        if (checks.remove(id) == null) {
            return false;
        }
        persistence.deleteCheck(id);
        if (configured) {
            configuredStates.forget(id);
        }
        onMembershipChange.run();
        return true;
    }

    /** Sets a check's status and output; false when no such check exists. */
    public synchronized boolean updateCheck(String id, String status, String output) {
        Check c = checks.get(id);
        if (c == null) {
            return false;
        }
        Check next = c.withStatus(status, output);
        checks.put(id, next);
        trackCritical(c, next);
        // Run checks re-learn their output within one interval after a restart; only TTL checks (whose state
        // comes from outside) and status changes are worth a disk write.
        if ("ttl".equals(c.type()) || !status.equals(c.status())) {
            persistStatus(next);
        }
        return true;
    }

    /**
     * Writes a check's new status: an API check's whole file, a config-file TTL check's status alone (with when
     * its TTL runs out); a config-file check of another kind is not written.
     */
    private void persistStatus(Check next) {
        String id = next.checkId();
        Map<String, Object> def = definitions.getOrDefault(id, Map.of());
        Duration ttl = "ttl".equals(next.type()) ? ttlOf(def) : null;
        long expires = ttl == null ? 0 : clock.instant().plus(ttl).toEpochMilli();
        if (!configuredChecks.contains(id)) {
            persistence.saveCheck(new LocalStore.StoredCheck(next, def, expires));
        } else if (ttl != null) {
            configuredStates.save(next, expires);
        }
    }

    /**
     * A persisted row as it comes back: a TTL check's status whose TTL ran out while the agent was down is not
     * restored; the check starts again from its definition's initial status (Consul's rule).
     */
    private Check restored(LocalStore.StoredCheck c) {
        Check row = c.check();
        if (c.expiresAtMillis() == 0 || clock.instant().toEpochMilli() < c.expiresAtMillis()) {
            return row;
        }
        String initial = Check.CRITICAL;
        for (Map.Entry<String, Object> e : c.definition().entrySet()) {
            if (e.getKey().equalsIgnoreCase("status") && e.getValue() instanceof String s && !s.isEmpty()) {
                initial = s;
            }
        }
        return row.withStatus(initial, "");
    }

    /** The {@code TTL} of a check definition (keys in any case), or null when it has none or it does not parse. */
    private static Duration ttlOf(Map<String, Object> definition) {
        for (Map.Entry<String, Object> e : definition.entrySet()) {
            if (e.getKey().equalsIgnoreCase("ttl") && e.getValue() instanceof String s) {
                try {
                    return Durations.parseGo(s);
                } catch (IllegalArgumentException bad) {
                    return null;
                }
            }
        }
        return null;
    }

    /** How long a check has been critical without a break, or null when it is not critical. */
    public synchronized Duration criticalFor(String id) {
        Instant since = criticalSince.get(id);
        return since == null ? null : Duration.between(since, clock.instant());
    }

    private void trackCritical(Check before, Check after) {
        if (!Check.CRITICAL.equals(after.status())) {
            criticalSince.remove(after.checkId());
        } else if (before == null || !Check.CRITICAL.equals(before.status())
                || !criticalSince.containsKey(after.checkId())) {
            criticalSince.put(after.checkId(), clock.instant());
        }
    }

    public synchronized Service service(String id) {
        return services.get(id);
    }

    public synchronized Check check(String id) {
        return checks.get(id);
    }

    public synchronized Map<String, Object> definition(String id) {
        return definitions.get(id);
    }

    public synchronized List<Service> services() {
        return new ArrayList<>(services.values());
    }

    public synchronized List<Check> checks() {
        return new ArrayList<>(checks.values());
    }

    /** A check to register locally: its catalog row and the raw definition it came from. */
    public record LocalCheck(Check check, Map<String, Object> definition) {
        public LocalCheck {
            definition = definition == null ? Map.of() : definition;
        }
    }
}
