package io.consulate.http;

import io.consulate.agent.config.Durations;
import java.time.Duration;

/**
 * The read options every blocking-capable endpoint takes: {@code index}, {@code wait} and the
 * consistency mode, parsed exactly as Consul does.
 *
 * @param index 0 means "answer at once"; only an index above 0 blocks
 * @param maxWait how long to block at most, before jitter: default 5 minutes, capped at 10
 * @param context where wake-ups run, and the signal that the asking client disconnected
 */
public record QueryOptions(long index, Duration maxWait, Consistency consistency,
                           RequestContext context) {
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** Consul's consistency modes; the header value is what X-Consul-Effective-Consistency says. */
    public enum Consistency {
        DEFAULT("leader"), STALE("stale"), CONSISTENT("consistent");

        private final String header;

        Consistency(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    public static QueryOptions parse(ApiRequest r) {
        return new QueryOptions(parseIndex(r.param("index")), parseWait(r.param("wait")), parseConsistency(r),
                r.context());
    }

    public boolean blocking() {
        return index > 0;
    }

    private static long parseIndex(String v) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid index");
        }
    }

    private static Duration parseWait(String v) {
        if (v == null || v.isEmpty()) {
            return DEFAULT_WAIT;
        }
        Duration d;
        try {
            d = Durations.parseGo(v);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Invalid wait time");
        }
        if (d.isNegative() || d.isZero()) {
            return DEFAULT_WAIT;
        }
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }

    private static Consistency parseConsistency(ApiRequest r) {
        boolean stale = r.has("stale");
        boolean consistent = r.has("consistent");
        if (stale && consistent) {
            throw HttpError.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        if (r.has("cached") && consistent) {
            throw HttpError.badRequest("Cannot specify ?cached with ?consistent, conflicting semantics.");
        }
        return stale ? Consistency.STALE : consistent ? Consistency.CONSISTENT : Consistency.DEFAULT;
    }
}
