package io.consulate.raft;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The last log index this server has applied, and callers waiting for it to reach a given index.
 *
 * <p>A write forwarded to the leader completes when the <em>leader</em> has applied it; the answer is
 * held back until this server has applied it too, so a caller that reads its own store next sees it.
 */
final class AppliedIndex {
    private record Waiter(long index, CompletableFuture<Void> done) {}

    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index));
    private long applied;

    /** Completes once the applied index is at least {@code index}. */
    CompletableFuture<Void> await(long index) {
        synchronized (this) {
            if (applied >= index) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(new Waiter(index, f));
            return f;
        }
    }

    /** Called from the apply thread; waiters are completed off it. */
    void advance(long index) {
        synchronized (this) {
            applied = Math.max(applied, index);
            while (!waiters.isEmpty() && waiters.peek().index <= applied) {
                waiters.poll().done.completeAsync(() -> null);
            }
        }
    }

    /** Fails everyone still waiting (the server is closing). */
    void close() {
        synchronized (this) {
            waiters.forEach(w -> w.done.completeExceptionally(new RaftUnavailableException("server is shutting down")));
            waiters.clear();
        }
    }
}
