package io.consulate.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a request lives: the connection's event loop, which runs its re-reads after a watch fires (so a
 * wake-up renders and writes on one thread with no hand-offs), and a signal that completes if the client
 * goes away before it is answered.
 *
 * @param executor the connection's event loop
 * @param gone     completes when the client disconnects while the request is in flight
 */
public record RequestContext(Executor executor, CompletableFuture<Void> gone) {
}
