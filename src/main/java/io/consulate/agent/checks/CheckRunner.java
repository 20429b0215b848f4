// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one probe of a check (an HTTP request, a TCP connect, a script...) and reports its raw result.
 *
 * <p>Why asynchronous: an agent may run thousands of checks, so a run must never hold a platform thread while it
 * waits on the network or a process. Implementations use non-blocking I/O (Netty, gRPC) or virtual threads.
 *
 * <p>Contract: {@code run} returns quickly; the future completes with a {@link CheckResult} (failures of the
 * probed thing are critical results, never exceptional completions) no later than about {@code timeout} after the
 * call. Runners are stateless between runs and safe to call from any thread, but the scheduler never runs the same
 * check twice at once. Thresholds ({@link Thresholds}) are applied by the caller, not by the runner.
 */
@FunctionalInterface
public interface CheckRunner {

    /**
     * Starts one probe.
     *
     * @param timeout how long the probe may take; positive
     * @return the raw result of the probe
     */
    CompletableFuture<CheckResult> run(Duration timeout);
}
