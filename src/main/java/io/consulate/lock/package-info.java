// SPDX-License-Identifier: Apache-2.0
/**
 * Client-side lock recipes in Consul's key layout, so they interoperate with {@code consul lock} and the Go
 * client: {@link io.consulate.lock.Mutex} ({@code PREFIX/.lock}) and {@link io.consulate.lock.Semaphore}
 * ({@code PREFIX/<session>} contenders plus the {@code PREFIX/.lock} Limit/Holders document), written against
 * the small {@link io.consulate.lock.LockStore} view of sessions and KV, and {@link io.consulate.lock.LockRunner},
 * which supervises {@code consulate lock}'s child. Recipe objects are used from one thread, except
 * {@link io.consulate.lock.HeldLock#awaitLoss}.
 */
package io.consulate.lock;
