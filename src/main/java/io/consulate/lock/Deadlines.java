// SPDX-License-Identifier: Apache-2.0
package io.consulate.lock;

import java.time.Duration;
import java.time.Instant;

/** Waiting against an optional deadline. */
final class Deadlines {
    private Deadlines() {}

    /** How long the next blocking read may wait: {@code max}, cut to the deadline; null once it passed. */
    static Duration left(Instant deadline, Duration max) {
        if (deadline == null) {
            return max;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return null;
        }
        return left.compareTo(max) < 0 ? left : max;
    }

    /** Sleeps {@code pause}, or less when the deadline comes first. */
    static void pause(Instant deadline, Duration pause) throws InterruptedException {
        Duration d = left(deadline, pause);
        if (d != null) {
            Thread.sleep(d);
        }
    }
}
