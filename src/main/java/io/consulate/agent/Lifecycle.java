// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's started components, stopped in the reverse order they started. The agent registers each
 * component as soon as it runs, so a start that fails half-way stops exactly what it had started (no leaked
 * Raft node or bound port) and a normal shutdown needs no hand-kept stop list.
 */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Records a started component and hands it back. */
    synchronized <T extends AutoCloseable> T add(T component) {
        started.push(component);
        return component;
    }

    /** Stops everything, newest first; a component that fails to stop is logged and the rest still stop. */
    @Override
    public void close() {
        AutoCloseable next;
        while ((next = poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private synchronized AutoCloseable poll() {
        return started.poll();
    }
}
