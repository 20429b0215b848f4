package io.consulate.agent.local;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a task on an executor, folding requests that arrive while a run is queued but not started into that run.
 * The task reads the latest state when it starts, so everyone who asked before it started is served by it: a
 * burst of a thousand requests costs one queued run (plus the one in progress), not a thousand.
 */
final class CoalescedTask {
    private final Executor executor;
    private final Runnable task;
    private CompletableFuture<Void> queued; // guarded by this: a run requested and not yet started

    CoalescedTask(Executor executor, Runnable task) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.task = Objects.requireNonNull(task, "task");
    }

    /** Completes after a run that started after this call (exceptionally if that run failed). */
    synchronized CompletableFuture<Void> request() {
        if (queued != null) {
            return queued;
        }
        CompletableFuture<Void> run = new CompletableFuture<>();
        queued = run;
        try {
            executor.execute(() -> {
                synchronized (this) {
                    if (queued == run) {
                        queued = null; // later requests need a later run: this one may already have read the state
                    }
                }
                try {
                    task.run();
                    run.complete(null);
                } catch (Throwable t) {
                    run.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            queued = null;
            run.completeExceptionally(e);
        }
        return run;
    }
}
