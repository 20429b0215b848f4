// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.lock.LockStore;
import java.time.Duration;

/**
 * The real {@link HttpLockStore} for the lock recipes' tests in {@code io.consulate.lock}, which cannot see the
 * package-private class. The store returned is also {@link AutoCloseable}.
 */
public final class AgentLockStores {
    private AgentLockStores() {}

    /**
     * A store talking to the agent at {@code httpAddress} (such as {@code http://127.0.0.1:8500}) whose sessions
     * get {@code lockDelay} ({@code null}: the server's default, 15 s).
     */
    public static LockStore open(String httpAddress, Duration lockDelay) {
        try {
            return new HttpLockStore(new ApiTarget(ApiTarget.baseUri(httpAddress, false), "", "", false, ""),
                    lockDelay);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Closes a store from {@link #open}. */
    public static void close(LockStore store) {
        ((HttpLockStore) store).close();
    }
}
