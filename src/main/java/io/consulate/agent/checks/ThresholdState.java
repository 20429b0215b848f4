// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.util.Objects;
import java.util.Optional;

/**
 * The consecutive-success and consecutive-failure counters of one check, applying its {@link Thresholds} the way
 * Consul's {@code StatusHandler} does.
 *
 * <ul>
 *   <li>Passing and warning results count as successes: they reset the failure counter, and are reported (with
 *       their own status) once {@code successBeforePassing} successes in a row have been seen.</li>
 *   <li>Critical results reset the success counter; once {@code failuresBeforeCritical} are seen in a row they are
 *       reported as critical, else once {@code failuresBeforeWarning} are seen they are reported as
 *       <em>warning</em> (with the critical result's output).</li>
 *   <li>Anything else is not reported: the check keeps its previous status.</li>
 *   <li>Both counters start at their thresholds, so the first result after registration is always reported.</li>
 * </ul>
 *
 * <p>Why a separate object: the scheduler owns one per check; tests drive it directly. Thread-safe.
 */
public final class ThresholdState {

    private final Thresholds thresholds;
    private int successes;
    private int failures;

    ThresholdState(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.successes = thresholds.successBeforePassing();
        this.failures = thresholds.failuresBeforeCritical();
    }

    /**
     * Counts one raw result.
     *
     * @param raw what the runner reported
     * @return the result to report now, or empty when the thresholds hold the previous status
     */
    public synchronized Optional<CheckResult> apply(CheckResult raw) {
        if (raw.isSuccess()) {
            successes = saturatedIncrement(successes);
            failures = 0;
            return successes >= thresholds.successBeforePassing() ? Optional.of(raw) : Optional.empty();
        }
        failures = saturatedIncrement(failures);
        successes = 0;
        if (failures >= thresholds.failuresBeforeCritical()) {
            return Optional.of(raw);
        }
        if (failures >= thresholds.failuresBeforeWarning()) {
            return Optional.of(CheckResult.warning(raw.output()));
        }
        return Optional.empty();
    }

    private static int saturatedIncrement(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }
}
