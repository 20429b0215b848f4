package io.consulate.state;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot registration of interest in some watch topics.
 *
 * <p>The first of {@link #fire} or {@link #cancel} wins; either removes the waiter from every topic it
 * was registered on, so an abandoned blocking query (client gone, timeout) leaves nothing behind.
 */
public final class Waiter {
    private final Watches owner;
    private final List<WatchSet.Topic> topics;
    private final Runnable onFire;
    private final java.util.concurrent.Executor executor;
    private final AtomicBoolean done = new AtomicBoolean();

    Waiter(Watches owner, List<WatchSet.Topic> topics, java.util.concurrent.Executor executor, Runnable onFire) {
        this.owner = owner;
        this.topics = topics;
        this.executor = executor;
        this.onFire = onFire;
    }

    java.util.concurrent.Executor executor() {
        return executor;
    }

    List<WatchSet.Topic> topics() {
        return topics;
    }

    /**
     * Claims the waiter for firing; true exactly once (the caller then runs {@link #callback()} on
     * {@link #executor()}), false when it already fired or was cancelled.
     */
    boolean claim() {
        if (done.compareAndSet(false, true)) {
            owner.unregister(this);
            return true;
        }
        return false;
    }

    Runnable callback() {
        return onFire;
    }

    /** Forgets this waiter without running its callback. Idempotent. */
    public void cancel() {
        if (done.compareAndSet(false, true)) {
            owner.unregister(this);
        }
    }

    public boolean isDone() {
        return done.get();
    }
}
