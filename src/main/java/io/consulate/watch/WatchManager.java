// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import io.consulate.watch.WatchSpec.InvalidWatchException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent config's {@code watches} against this agent's own HTTP API, each on its own virtual thread
 * under the {@link WatchPlan} delivery rule, with failures logged and the watch kept running.
 *
 * <p>Reload rule: {@link #reload} compares each new definition with the running ones by its exact config
 * entry. A watch whose entry is unchanged keeps running with its position, so its handler does <em>not</em>
 * run again for a state it already saw; a removed or changed entry's watch is stopped; a new or changed entry
 * starts a watch, which delivers the current state once. Only {@code rerunAll = true} restarts every watch
 * (each handler then runs once more with the current state).
 */
public final class WatchManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchManager.class);

    private final URI agent;
    private final Duration wait;
    private final Duration retry;
    private final List<Running> running = new ArrayList<>();

    private record Running(Map<String, Object> raw, WatchPlan plan, WatchSource source, Thread thread) {
        void stop() {
            plan.stop();
            source.close();
        }
    }

    /**
     * @param agent the agent's HTTP API, such as {@code http://127.0.0.1:8500}
     * @param wait  how long each blocking read waits
     * @param retry the pause after a failed read
     */
    public WatchManager(URI agent, Duration wait, Duration retry) {
        this.agent = agent;
        this.wait = wait;
        this.retry = retry;
    }

    /** Parses every entry; the first bad one is reported with its position, in Consul's words. */
    public static List<WatchDefinition> parseAll(List<Map<String, Object>> entries) throws InvalidWatchException {
        List<WatchDefinition> defs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                defs.add(WatchDefinition.parse(entries.get(i)));
            } catch (InvalidWatchException e) {
                throw new InvalidWatchException("Failed to compile watch parameters (watches[" + i + "]): "
                        + e.getMessage());
            }
        }
        return defs;
    }

    /** Parses every entry first (so a bad list changes nothing), then applies the reload rule. */
    public synchronized void reload(List<Map<String, Object>> entries, boolean rerunAll) throws InvalidWatchException {
        List<WatchDefinition> defs = parseAll(entries);
        List<Running> keep = new ArrayList<>();
        for (WatchDefinition d : defs) {
            Running same = rerunAll ? null
                    : running.stream().filter(r -> r.raw().equals(d.raw())).findFirst().orElse(null);
            if (same != null) {
                running.remove(same);
                keep.add(same);
            } else {
                keep.add(start(d));
            }
        }
        running.forEach(Running::stop);
        running.clear();
        running.addAll(keep);
    }

    /** Watches currently running (for tests). */
    public synchronized int size() {
        return running.size();
    }

    private Running start(WatchDefinition d) {
        WatchSource source = new WatchSource(agent, d.spec().token(), wait);
        String what = "watch " + d.spec().type().name().toLowerCase(java.util.Locale.ROOT);
        WatchHandler handler = d.command() != null
                ? new ScriptHandler(d.command(), Map.of(), out -> {
                    if (out.length > 0) {
                        LOG.debug("{} handler output: {}", what, new String(out, StandardCharsets.UTF_8).strip());
                    }
                })
                : new HttpHandler(d.http());
        WatchPlan plan = new WatchPlan(d.spec(), source, handler, new WatchPlan.Errors() {
            @Override
            public void readFailed(Exception e) {
                LOG.warn("{}: read failed, retrying in {}: {}", what, retry, e.toString());
            }

            @Override
            public void handlerFailed(Exception e) {
                LOG.error("{}: handler failed: {}", what, e.getMessage());
            }
        }, retry, false);
        Thread t = Thread.ofVirtual().name("consulate-" + what.replace(' ', '-')).start(plan::run);
        return new Running(d.raw(), plan, source, t);
    }

    @Override
    public synchronized void close() {
        running.forEach(Running::stop);
        running.clear();
    }
}
