// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a watch does with a change: print it, run a script, POST it. Called on the watch's own thread, one
 * call at a time; the watch does not read again until the call returns.
 */
@FunctionalInterface
public interface WatchHandler {
    /**
     * Handles one change.
     *
     * @param index the X-Consul-Index of the answer that carried it (what {@code CONSUL_INDEX} is set to)
     * @param data  the watch's result as Consul's Go client would decode it ({@code null} node for an absent key)
     * @throws Exception when the handler failed; the change still counts as delivered
     */
    void handle(long index, JsonNode data) throws Exception;
}
