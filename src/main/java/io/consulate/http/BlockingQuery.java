package io.consulate.http;

import io.consulate.state.Indexed;
import io.consulate.state.Waiter;
import io.consulate.state.WatchSet;
import io.consulate.state.Watches;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Consul's blocking query without a thread per parked request: run the read; if its index is not past
 * the client's, park a one-shot waiter on exactly what the read touched, and run it again when that
 * fires or the wait (plus up to wait/16 jitter) runs out.
 *
 * <p>Cancelling the returned future (the client disconnected) removes the waiter and the timer at once.
 */
public final class BlockingQuery {
    private final Watches watches;
    private final Executor executor;
    private final Timer timer;

    /**
     * @param executor where re-runs happen after a wake-up, so commits never run reads on the apply thread
     */
    public BlockingQuery(Watches watches, Executor executor) {
        this.watches = watches;
        this.executor = executor;
        this.timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "consulate-blocking-timer");
            t.setDaemon(true);
            return t;
        }, 10, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code read} (which registers what it reads into the WatchSet) under the blocking rules. */
    public <T> CompletableFuture<Indexed<T>> run(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
        if (!opts.blocking()) {
            return CompletableFuture.completedFuture(read.apply(null));
        }
        return new Parked<>(opts, read).start();
    }

    private final class Parked<T> {
        private final QueryOptions opts;
        private final Function<WatchSet, Indexed<T>> read;
        private final CompletableFuture<Indexed<T>> result = new CompletableFuture<>();
        private volatile Waiter waiter;
        private volatile Timeout timeout;

        Parked(QueryOptions opts, Function<WatchSet, Indexed<T>> read) {
            this.opts = opts;
            this.read = read;
        }

        CompletableFuture<Indexed<T>> start() {
            long waitMs = opts.maxWait().toMillis();
            long jitter = waitMs / 16 > 0 ? ThreadLocalRandom.current().nextLong(waitMs / 16) : 0;
            timeout = timer.newTimeout(t -> wakeExecutor().execute(this::finish), waitMs + jitter,
                    TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> {
                Waiter w = waiter;
                if (w != null) {
                    w.cancel();
                }
                timeout.cancel();
            });
            if (opts.context() != null) {
                opts.context().gone().whenComplete((v, e) -> result.cancel(false));
            }
            attempt();
            return result;
        }

        private void attempt() {
            if (result.isDone()) {
                return;
            }
            try {
                WatchSet ws = new WatchSet();
                Indexed<T> r = read.apply(ws);
                if (r.index() > opts.index()) {
                    result.complete(r);
                    return;
                }
                Waiter w = watches.register(ws, wakeExecutor(), this::attempt);
                waiter = w;
                if (result.isDone()) {
                    w.cancel();
                    return;
                }
                // A commit between the read and the registration would be missed: look once more.
                Indexed<T> again = read.apply(null);
                if (again.index() > opts.index()) {
                    result.complete(again);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private Executor wakeExecutor() {
            return opts.context() != null ? opts.context().executor() : executor;
        }

        private void finish() {
            if (!result.isDone()) {
                try {
                    result.complete(read.apply(null));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        }
    }

    public void close() {
        timer.stop();
    }
}
