// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Consul's mutex layout: the key {@code PREFIX/.lock}, held through {@code ?acquire=<session>} with flags
 * {@link #FLAGS}, so it interoperates with {@code consul lock} and the Go client's {@code api.Lock}. While the
 * key is held by another session the recipe blocks on it; when an acquire fails on a free key (lock-delay
 * after an invalidation) it retries after {@code retry}.
 */
public final class Mutex implements HeldLock {
    /** The flags Consul's Go client writes on a lock key ({@code LockFlagValue}). */
    public static final long FLAGS = 0x2ddccbc058a50c18L;

    private final LockStore store;
    private final String key;
    private final String session;
    private final Duration retry;
    private final Duration wait;
    private boolean held;

    /**
     * @param prefix  the lock's prefix; the key is {@code prefix/.lock}
     * @param retry   the pause after a refused acquire on a free key (Consul: 5 s)
     * @param wait    how long each blocking read may wait (Consul: 15 s)
     */
    public Mutex(LockStore store, String prefix, String session, Duration retry, Duration wait) {
        this.store = store;
        this.key = lockKey(prefix);
        this.session = session;
        this.retry = retry;
        this.wait = wait;
    }

    static String lockKey(String prefix) {
        return (prefix.endsWith("/") ? prefix : prefix + "/") + ".lock";
    }

    @Override
    public boolean acquire(Instant deadline) throws IOException, InterruptedException, LockConflictException {
        long index = 0;
        while (true) {
            Duration left = Deadlines.left(deadline, wait);
            if (left == null) {
                return false;
            }
            LockStore.Read<LockStore.Entry> r = store.get(key, index, left);
            LockStore.Entry e = r.value();
            if (e != null && e.flags() != FLAGS) {
                throw new LockConflictException("Existing key does not match lock use");
            }
            if (e != null && !e.session().isEmpty() && !e.session().equals(session)) {
                index = r.index(); // held elsewhere: wait for it to change
                continue;
            }
            if (store.acquire(key, new byte[0], FLAGS, session)) {
                held = true;
                return true;
            }
            Deadlines.pause(deadline, retry);
            index = 0;
        }
    }

    @Override
    public void awaitLoss(int retries) throws InterruptedException {
        long index = 0;
        int failures = 0;
        while (true) {
            try {
                LockStore.Read<LockStore.Entry> r = store.get(key, index, wait);
                if (r.value() == null || !session.equals(r.value().session())) {
                    return;
                }
                index = r.index();
                failures = 0;
            } catch (IOException e) {
                if (++failures > retries) {
                    return;
                }
                Thread.sleep(Duration.ofSeconds(1));
            }
        }
    }

    @Override
    public void release() throws IOException, InterruptedException {
        if (held) {
            held = false;
            store.release(key, new byte[0], FLAGS, session);
        }
    }

    @Override
    public void cleanup() throws IOException, InterruptedException {
        LockStore.Entry e = store.get(key, 0, wait).value();
        if (e != null && e.flags() == FLAGS && e.session().isEmpty()) {
            store.deleteCas(key, e.modifyIndex());
        }
    }
}
