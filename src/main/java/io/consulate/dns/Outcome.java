// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.util.concurrent.CompletableFuture;

/**
 * What the transport does with one packet once {@link QueryHandler} has seen it.
 *
 * <p>Why three cases: answers from our own zone are ready at once and are written on the event loop that
 * read the packet; forwarded questions complete later on another thread; and some packets (responses, runts)
 * get no reply at all.
 */
sealed interface Outcome {

    /** Nothing is sent back. */
    Outcome DROP = new Drop();

    /** Send these bytes now. */
    record Reply(byte[] wire) implements Outcome {}

    /** Send these bytes when they are ready. */
    record Pending(CompletableFuture<byte[]> wire) implements Outcome {}

    /** Send nothing. */
    record Drop() implements Outcome {}
}
