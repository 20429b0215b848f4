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
    private final AtomicBoolean done = new AtomicBoolean();

    Waiter(Watches owner, List<WatchSet.Topic> topics, Runnable onFire) {
        this.owner = owner;
        this.topics = topics;
        this.onFire = onFire;
    }

    List<WatchSet.Topic> topics() {
        return topics;
    }

    /** Runs the callback once, on the calling thread (the commit path: callbacks must hand off work). */
    void fire() {
        if (done.compareAndSet(false, true)) {
            owner.unregister(this);
            onFire.run();
        }
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
