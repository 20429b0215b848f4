// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.consulate.agent.config.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the agent's checks on their intervals and reports each result, after {@link Thresholds}, to a
 * {@link Listener}.
 *
 * <ul>
 *   <li>The first run of each check comes at a random offset in {@code [0, interval)} (Consul's
 *       {@code RandomStagger}), so a thousand checks registered together do not fire together.</li>
 *   <li>Like Consul, the next run is due one interval after the previous run <em>finished</em>, so a check never
 *       overlaps itself; a slow check only delays itself.</li>
 *   <li>The timer thread only launches runs; runners are asynchronous, so one small timer serves thousands of
 *       checks. Results are delivered on the {@code delivery} executor.</li>
 *   <li>A runner that ignores its timeout is cut off {@code timeoutGrace} later with a critical
 *       {@code "Timed out (<timeout>) running check"}; its next run waits until it really finishes.</li>
 *   <li>TTL checks are not run but watched: {@link #watchTtl} reports their expiry.</li>
 * </ul>
 *
 * <p>Thread-safe. A result racing with {@link #unschedule} may still be delivered once.
 */
public final class CheckScheduler implements AutoCloseable {

    /** Receives reported results; called on the delivery executor, one call at a time per check. */
    @FunctionalInterface
    public interface Listener {
        /** A check's reported status changed or was confirmed. */
        void onResult(String checkId, CheckResult result);
    }

    private final CheckTimer timer;
    private final Random random;
    private final Executor delivery;
    private final Duration timeoutGrace;
    private final Listener listener;
    private final Runnable onClose;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates a scheduler on injected time, randomness and threads (tests pass a manual timer and a direct
     * executor).
     *
     * @param timer        launches runs and TTL expiries
     * @param random       chooses first-run offsets; seed it for repeatable spreading
     * @param delivery     runs result handling and the listener
     * @param timeoutGrace how long after its timeout a run is cut off if its runner has not answered
     * @param listener     receives reported results
     */
    public CheckScheduler(CheckTimer timer, Random random, Executor delivery, Duration timeoutGrace,
                          Listener listener) {
        this(timer, random, delivery, timeoutGrace, listener, () -> { });
    }

    private CheckScheduler(CheckTimer timer, Random random, Executor delivery, Duration timeoutGrace,
                           Listener listener, Runnable onClose) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.random = Objects.requireNonNull(random, "random");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.timeoutGrace = Objects.requireNonNull(timeoutGrace, "timeoutGrace");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onClose = onClose;
    }

    /** A scheduler with its own single daemon timer thread, delivering on virtual threads, 1 s timeout grace. */
    public static CheckScheduler create(Random random, Listener listener) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "consulate-check-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        ExecutorService delivery = Executors.newVirtualThreadPerTaskExecutor();
        return new CheckScheduler(CheckTimer.of(executor), random, delivery, Duration.ofSeconds(1), listener, () -> {
            executor.shutdownNow();
            delivery.shutdownNow();
        });
    }

    /** Schedules a definition's runner with its effective interval, timeout and thresholds. */
    public void schedule(String checkId, CheckDefinition def, CheckRunner runner) {
        schedule(checkId, runner, def.effectiveInterval(), def.effectiveTimeout(), def.common().thresholds());
    }

    /**
     * Starts running a check, replacing any check with the same id. Intervals are used as given (the definition
     * applies Consul's minimum).
     */
    public void schedule(String checkId, CheckRunner runner, Duration interval, Duration timeout,
                         Thresholds thresholds) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
        Periodic entry = new Periodic(checkId, runner, interval, timeout, thresholds.newState());
        replace(checkId, entry);
        long offset;
        synchronized (random) {
            offset = random.nextLong(interval.toNanos());
        }
        entry.pending = timer.schedule(Duration.ofNanos(offset), () -> launch(entry));
    }

    /** Reports {@code ttl}'s expiry (once per missed deadline), replacing any check with the same id. */
    public void watchTtl(String checkId, TtlCheck ttl) {
        TtlWatch entry = new TtlWatch(checkId, ttl);
        replace(checkId, entry);
        armTtl(entry, ttl.remaining());
    }

    /** Stops a check. Returns whether it was scheduled. */
    public boolean unschedule(String checkId) {
        Entry e = entries.remove(checkId);
        if (e != null) {
            e.cancel();
        }
        return e != null;
    }

    /** The ids of the scheduled and watched checks. */
    public Set<String> checkIds() {
        return Set.copyOf(entries.keySet());
    }

    /** Stops every check (and the threads this scheduler created). */
    @Override
    public void close() {
        closed = true;
        entries.values().forEach(Entry::cancel);
        entries.clear();
        onClose.run();
    }

    private void replace(String checkId, Entry entry) {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        Entry old = entries.put(checkId, entry);
        if (old != null) {
            old.cancel();
        }
    }

    private void launch(Periodic e) {
        if (e.cancelled || closed || !e.running.compareAndSet(false, true)) {
            return; // stopped, or (defensively) still running: never run a check twice at once
        }
        CompletableFuture<CheckResult> run;
        try {
            run = Objects.requireNonNull(e.runner.run(e.timeout), "runner returned null");
        } catch (RuntimeException ex) {
            run = CompletableFuture.completedFuture(CheckResult.critical(String.valueOf(ex.getMessage())));
        }
        CompletableFuture<CheckResult> outcome = new CompletableFuture<>();
        Future<?> guard = timer.schedule(e.timeout.plus(timeoutGrace), () -> outcome.complete(
                CheckResult.critical("Timed out (" + Durations.formatGo(e.timeout) + ") running check")));
        run.whenComplete((r, ex) -> outcome.complete(r != null ? r
                : CheckResult.critical(ex == null ? "check failed" : String.valueOf(ex.getMessage()))));
        CompletableFuture<Void> reported = outcome.thenAcceptAsync(r -> {
            guard.cancel(false);
            report(e, e.thresholds.apply(r));
        }, delivery);
        CompletableFuture.allOf(reported.exceptionally(x -> null), run.handle((r, x) -> null))
                .whenComplete((v, x) -> {
                    e.running.set(false);
                    if (!e.cancelled && !closed) {
                        e.pending = timer.schedule(e.interval, () -> launch(e));
                    }
                });
    }

    private void armTtl(TtlWatch e, Duration delay) {
        if (!e.cancelled && !closed) {
            e.pending = timer.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> fireTtl(e));
        }
    }

    private void fireTtl(TtlWatch e) {
        if (e.cancelled || closed) {
            return;
        }
        Optional<CheckResult> expired = e.ttl.expireIfDue();
        expired.ifPresent(r -> delivery.execute(() -> report(e, expired)));
        Duration left = e.ttl.remaining();
        armTtl(e, left.isNegative() || left.isZero() ? e.ttl.ttl() : left);
    }

    private void report(Entry e, Optional<CheckResult> result) {
        if (!e.cancelled && result.isPresent()) {
            listener.onResult(e.id, result.get());
        }
    }

    /** A scheduled or watched check. */
    private abstract static class Entry {
        final String id;
        volatile boolean cancelled;
        volatile Future<?> pending;

        Entry(String id) {
            this.id = id;
        }

        void cancel() {
            cancelled = true;
            Future<?> p = pending;
            if (p != null) {
                p.cancel(false);
            }
        }
    }

    private static final class Periodic extends Entry {
        final CheckRunner runner;
        final Duration interval;
        final Duration timeout;
        final ThresholdState thresholds;
        final AtomicBoolean running = new AtomicBoolean();

        Periodic(String id, CheckRunner runner, Duration interval, Duration timeout, ThresholdState thresholds) {
            super(id);
            this.runner = runner;
            this.interval = interval;
            this.timeout = timeout;
            this.thresholds = thresholds;
        }
    }

    private static final class TtlWatch extends Entry {
        final TtlCheck ttl;

        TtlWatch(String id, TtlCheck ttl) {
            super(id);
            this.ttl = ttl;
        }
    }
}
