// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.util.Objects;

/**
 * The outcome of one run of a health check: Consul's status word and the text shown as the check's
 * {@code Output}.
 *
 * <p>Why a record of two strings: this is exactly what Consul's checks hand to the agent's local state
 * ({@code UpdateCheck(id, status, output)}), so the wiring can store it without translation.
 *
 * @param status {@link #PASSING}, {@link #WARNING} or {@link #CRITICAL}
 * @param output human-readable detail, already bounded by the runner (never null)
 */
public record CheckResult(String status, String output) {

    /** The check is healthy. */
    public static final String PASSING = "passing";
    /** The check is degraded (HTTP 429, script exit code 1, failures below the critical threshold). */
    public static final String WARNING = "warning";
    /** The check failed. Also the status of a check that has not run yet. */
    public static final String CRITICAL = "critical";

    /** Validates the status word and replaces a null output with "". */
    public CheckResult {
        Objects.requireNonNull(status, "status");
        if (!isValidStatus(status)) {
            throw new IllegalArgumentException("unknown check status: " + status);
        }
        output = output == null ? "" : output;
    }

    /** A passing result with this output. */
    public static CheckResult passing(String output) {
        return new CheckResult(PASSING, output);
    }

    /** A warning result with this output. */
    public static CheckResult warning(String output) {
        return new CheckResult(WARNING, output);
    }

    /** A critical result with this output. */
    public static CheckResult critical(String output) {
        return new CheckResult(CRITICAL, output);
    }

    /** True for the three statuses a check can report (Consul's {@code structs.ValidStatus}). */
    public static boolean isValidStatus(String status) {
        return PASSING.equals(status) || WARNING.equals(status) || CRITICAL.equals(status);
    }

    /** True when the status is passing or warning: both count as a success for the thresholds. */
    public boolean isSuccess() {
        return !CRITICAL.equals(status);
    }
}
