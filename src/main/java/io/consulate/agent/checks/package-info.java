// SPDX-License-Identifier: Apache-2.0
/**
 * The agent's health checks, independent of the catalog: parsing and validating check definitions
 * ({@link io.consulate.agent.checks.CheckDefinitions}), one runner per check type
 * ({@link io.consulate.agent.checks.CheckRunnerFactory}), TTL state ({@link io.consulate.agent.checks.TtlCheck}),
 * Consul's anti-flap thresholds ({@link io.consulate.agent.checks.Thresholds}) and the scheduler that runs
 * thousands of checks on a couple of threads ({@link io.consulate.agent.checks.CheckScheduler}).
 *
 * <p>Invariants: every status is passing, warning or critical; every output is bounded by
 * {@code check_output_max_size}; texts (errors, outputs) are Consul's, because clients and operators match on
 * them; no check holds a platform thread while it waits; a check never runs twice at once.
 *
 * <p>Thread-safety: definitions and results are immutable; runners, {@code TtlCheck}, {@code ThresholdState} and
 * the scheduler are safe to use from any thread.
 */
package io.consulate.agent.checks;
