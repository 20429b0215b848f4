// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs one watch: a reader that keeps blocking on the API, and a handler that runs once per distinct change.
 *
 * <h2>The delivery rule</h2>
 * A <em>change</em> is an answer of a blocking read whose {@code X-Consul-Index} differs from the previous
 * answer's and whose data (as the handler would get it) differs from the data of the previous change. The
 * first successful read is a change unless its data is {@code null} (a key or prefix that does not exist yet,
 * as in Consul): the handler starts from the current state.
 * <ol>
 *   <li>The reader never waits for the handler: while the handler runs, the reader goes on blocking from the
 *       index it saw last, so a commit made during a handler run is observed at once and queued.</li>
 *   <li>The handler gets the queued changes one at a time, on one thread, in the order they were observed
 *       (index order on one server), each exactly once: never twice for the same index, never twice in a row
 *       for identical data, never two runs at the same time. A wait that ran out, or a commit elsewhere that
 *       left this result unchanged, runs nothing.</li>
 *   <li>Granularity is what a blocking read can see: two commits landing within one read's round trip show
 *       up as one change (the newer state, with the newer index). For {@code event} watches nothing is
 *       coalesced away: each change holds exactly the events fired after the previous change's newest event,
 *       oldest first, so every event reaches the handler once (while the agent still buffers it; it keeps
 *       256).</li>
 *   <li>At most {@link #MAX_PENDING} changes wait for the handler; beyond that the reader pauses until the
 *       handler catches up, and the states it skipped meanwhile are coalesced as in rule 3.</li>
 *   <li>A handler that fails still consumed its change: it is not retried (that would be a second run for the
 *       same index). {@code stopOnHandlerError} decides whether the watch then stops (the CLI) or goes on
 *       (agent config watches). A failed read is retried after {@code retry}, from the last index seen.</li>
 *   <li>If an answer's index goes <em>down</em> (the server's state was replaced), it is a change like any
 *       other and the watch continues from it.</li>
 * </ol>
 */
public final class WatchPlan {
    /** How many observed changes may wait for a busy handler before the reader pauses. */
    public static final int MAX_PENDING = 64;

    /** Where failures are reported (the CLI's stderr, the agent's log). */
    public interface Errors {
        /** A blocking read failed; it is retried. */
        void readFailed(Exception e);

        /** The handler threw; its change is not delivered again. */
        void handlerFailed(Exception e);
    }

    private record Change(long index, JsonNode data) {}

    private final WatchSpec spec;
    private final WatchSource source;
    private final WatchHandler handler;
    private final Errors errors;
    private final Duration retry;
    private final boolean stopOnHandlerError;
    private final BlockingQueue<Change> pending = new ArrayBlockingQueue<>(MAX_PENDING);
    private volatile boolean stopped;
    private volatile Thread runner;
    private volatile Thread reader;
    private volatile long observed;

    /**
     * @param stopOnHandlerError whether a failing handler ends {@link #run} (the CLI) or not (agent watches)
     */
    public WatchPlan(WatchSpec spec, WatchSource source, WatchHandler handler, Errors errors, Duration retry,
                     boolean stopOnHandlerError) {
        this.spec = Objects.requireNonNull(spec);
        this.source = Objects.requireNonNull(source);
        this.handler = Objects.requireNonNull(handler);
        this.errors = Objects.requireNonNull(errors);
        this.retry = Objects.requireNonNull(retry);
        this.stopOnHandlerError = stopOnHandlerError;
    }

    /** What this plan watches. */
    public WatchSpec spec() {
        return spec;
    }

    /** The index of the newest change the reader observed (0 before the first); for tests and diagnostics. */
    public long observedIndex() {
        return observed;
    }

    /**
     * Runs the handler on the calling thread (and the reader on a virtual thread) until {@link #stop}, an
     * interrupt, or a failing handler when {@code stopOnHandlerError}; returns false only in that last case.
     */
    public boolean run() {
        runner = Thread.currentThread();
        reader = Thread.ofVirtual().name("consulate-watch-reader").start(this::read);
        try {
            while (!stopped) {
                Change c = pending.take();
                if (stopped) {
                    return true;
                }
                if (!deliver(c)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            return true;
        } finally {
            stopped = true;
            reader.interrupt();
        }
    }

    private boolean deliver(Change c) throws InterruptedException {
        try {
            handler.handle(c.index(), c.data());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            errors.handlerFailed(e);
            return !stopOnHandlerError;
        }
        return true;
    }

    /** The reader loop: blocking reads from the last index seen, each change queued in order. */
    private void read() {
        boolean seen = false;
        boolean queued = false;
        long last = 0;
        JsonNode lastData = NullNode.getInstance();
        while (!stopped) {
            WatchSource.Answer answer;
            try {
                answer = source.read(spec, last);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                errors.readFailed(e);
                if (!pause()) {
                    return;
                }
                continue;
            }
            if (seen && answer.index() == last) {
                continue;
            }
            JsonNode data = WatchResults.shape(spec.type(), answer.body(), seen ? last : 0);
            last = answer.index();
            seen = true;
            if (data.equals(lastData) || queued && isNoNewEvents(data)) {
                continue;
            }
            lastData = data;
            queued = true;
            try {
                pending.put(new Change(last, data));
            } catch (InterruptedException e) {
                return;
            }
            observed = last;
        }
    }

    private boolean isNoNewEvents(JsonNode data) {
        return spec.type() == WatchSpec.Type.EVENT && data.isArray() && data.isEmpty();
    }

    private boolean pause() {
        try {
            Thread.sleep(retry);
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Stops the watch from another thread: a read in flight is abandoned, queued changes are dropped, and a
     * handler in flight is interrupted (a script handler kills its process).
     */
    public void stop() {
        stopped = true;
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }
}
