package io.consulate.agent.local;

import io.consulate.state.catalog.Check;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last statuses of config-file TTL checks, kept by check ID apart from any definition: the config files
 * stay the source of truth for the checks, yet a TTL check's status, which only its application can set, must
 * survive a restart while its TTL has not run out, as an API check's does. Loaded when the agent starts,
 * claimed by the checks the files define, dropped for the ones they no longer define.
 *
 * <p>Not thread-safe: {@link LocalState} calls it under its own lock.
 */
final class ConfiguredCheckStates {
    private static final Set<String> STATUSES = Set.of(Check.PASSING, Check.WARNING, Check.CRITICAL);

    private final LocalStore store;
    private final Clock clock;
    /** Loaded at start and not yet claimed by a config-file check. */
    private final Map<String, LocalStore.CheckState> unclaimed = new HashMap<>();

    ConfiguredCheckStates(LocalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Reads what an earlier run saved; entries without an ID, a known status or an output are skipped. */
    void load() {
        for (LocalStore.CheckState s : store.loadCheckStates()) {
            if (s.checkId() != null && STATUSES.contains(s.status()) && s.output() != null) {
                unclaimed.put(s.checkId(), s);
            }
        }
    }

    /**
     * The row of a config-file check as it starts: with the saved status and output when it is a TTL check whose
     * TTL had not run out, otherwise as defined. A saved status of a check that is no longer a TTL check is
     * forgotten.
     */
    Check claim(Check row) {
        LocalStore.CheckState saved = unclaimed.remove(row.checkId());
        if (saved == null) {
            return row;
        }
        if (!"ttl".equals(row.type())) {
            store.deleteCheckState(row.checkId());
            return row;
        }
        if (saved.expiresAtMillis() != 0 && clock.millis() >= saved.expiresAtMillis()) {
            return row;
        }
        return row.withStatus(saved.status(), saved.output());
    }

    /** Forgets every saved status not claimed by one of {@code configured} (checks taken out of the files). */
    void dropUnclaimed(Set<String> configured) {
        for (String id : unclaimed.keySet()) {
            if (!configured.contains(id)) {
                store.deleteCheckState(id);
            }
        }
        unclaimed.clear();
    }

    /** Saves a config-file TTL check's status; {@code expiresAtMillis} is when its TTL runs out (0: never). */
    void save(Check row, long expiresAtMillis) {
        store.saveCheckState(new LocalStore.CheckState(row.checkId(), row.status(), row.output(), expiresAtMillis));
    }

    /** Forgets a check's saved status (it left the config files, or the API registered its ID). */
    void forget(String checkId) {
        store.deleteCheckState(checkId);
    }
}
