// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the only notion of time the {@link CheckScheduler} has.
 *
 * <p>Why an interface of one method rather than a {@link ScheduledExecutorService}: tests substitute a manual
 * timer and advance virtual time, so first-run spreading, intervals and TTL expiry are checked without sleeping.
 * Tasks must be short: they only launch asynchronous work.
 */
@FunctionalInterface
public interface CheckTimer {

    /**
     * Schedules {@code task} to run once after {@code delay}.
     *
     * @return a handle whose {@code cancel} prevents the task if it has not started
     */
    Future<?> schedule(Duration delay, Runnable task);

    /** A timer backed by a scheduled executor. */
    static CheckTimer of(ScheduledExecutorService executor) {
        return (delay, task) -> executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
