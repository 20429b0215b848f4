// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

/**
 * How many consecutive results a check needs before its reported status changes: Consul's
 * {@code success_before_passing}, {@code failures_before_warning} and {@code failures_before_critical}.
 *
 * <p>Why: one lost packet should not flip a service out of DNS. Use {@link #newState()} to get the per-check
 * counters that apply these numbers.
 *
 * @param successBeforePassing   consecutive passing/warning results needed before they are reported
 * @param failuresBeforeWarning  consecutive critical results after which a <em>warning</em> is reported
 * @param failuresBeforeCritical consecutive critical results needed before critical is reported
 */
public record Thresholds(int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical) {

    /** Every result is reported as it is (Consul's defaults: all zero). */
    public static final Thresholds NONE = new Thresholds(0, 0, 0);

    /**
     * Thresholds as a check definition gives them, with Consul's one default: a zero
     * {@code failuresBeforeWarning} means "the same as {@code failuresBeforeCritical}", so failures below the
     * critical threshold are not reported as warnings unless asked for.
     */
    public static Thresholds of(int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical) {
        int warning = failuresBeforeWarning == 0 ? failuresBeforeCritical : failuresBeforeWarning;
        return new Thresholds(successBeforePassing, warning, failuresBeforeCritical);
    }

    /** Fresh counters for one check, primed so that the very first result is reported at once (as Consul does). */
    public ThresholdState newState() {
        return new ThresholdState(this);
    }
}
