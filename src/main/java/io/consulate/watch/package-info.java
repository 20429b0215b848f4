// SPDX-License-Identifier: Apache-2.0
/**
 * Consul-style watches: a {@link io.consulate.watch.WatchSpec} names a blocking read on the public HTTP API,
 * a {@link io.consulate.watch.WatchPlan} runs it and hands each distinct change to a
 * {@link io.consulate.watch.WatchHandler} (script or HTTP) under the delivery rule documented there, and the
 * {@link io.consulate.watch.WatchManager} runs the agent config's {@code watches}. Used by
 * {@code consulate watch} and by the agent alike, over HTTP, so both see exactly what clients see.
 */
package io.consulate.watch;
