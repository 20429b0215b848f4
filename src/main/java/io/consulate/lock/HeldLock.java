// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.io.IOException;
import java.time.Instant;

/** A lock recipe bound to one session: a {@link Mutex} or a {@link Semaphore}. Not thread-safe except {@link #awaitLoss}. */
public interface HeldLock {
    /** Waits until the lock is held (true) or {@code deadline} passes (false; {@code null} waits forever). */
    boolean acquire(Instant deadline) throws IOException, InterruptedException, LockConflictException;

    /**
     * Blocks while the lock is held and returns once it is not (released, taken away, or its key deleted).
     * Read failures are retried {@code retries} times before they count as a loss.
     */
    void awaitLoss(int retries) throws InterruptedException;

    /** Gives the lock up if held. */
    void release() throws IOException, InterruptedException;

    /** Removes the lock's keys if nobody else uses them (Consul's {@code Destroy}); quiet when in use. */
    void cleanup() throws IOException, InterruptedException;

    /** The lock's keys hold something else than this recipe wrote (wrong flags, or a different limit). */
    final class LockConflictException extends Exception {
        public LockConflictException(String message) {
            super(message, null, false, false);
        }
    }
}
