package io.consulate.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import io.consulate.http.ApiResponse;
import io.consulate.http.Gzip;

/**
 * The last rendered body of {@code /v1/health/service/:name} (with and without {@code ?passing}, no other
 * parameter that changes the answer) per service, tagged with the service's index. Discovery is read far more
 * often than a service changes, and rendering a hundred instances to JSON costs far more than answering, so a
 * read of an unchanged service reuses the bytes. The service index is the Raft index of the last change any read
 * of that name can see (its instances, their nodes and checks), so an equal index means an equal answer, and a
 * change elsewhere in the catalog leaves the entry valid.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} entries (cleared when full) and bodies of at most
 * {@value #MAX_BODY_BYTES} bytes. Thread-safe; two concurrent misses both render and one of them is kept.
 */
final class RenderedHealthCache {
    static final int MAX_ENTRIES = 512;
    static final int MAX_BODY_BYTES = 1 << 20;

    private record Key(String service, boolean passing) { }

    private record Entry(long index, Rendered body) { }

    /**
     * A rendered body, its gzip form (compressed on first use, then kept) and the last answer built from it.
     * Every blocking query woken by the same commit asks for an answer with equal headers, so they all get
     * the one {@link ApiResponse} instance, which the HTTP layer then encodes once for all of them.
     */
    static final class Rendered {
        private final byte[] plain;
        private final Supplier<byte[]> gzipped;
        private volatile ApiResponse last;

        private Rendered(byte[] plain) {
            this.plain = plain;
            this.gzipped = Gzip.memoized(plain);
        }

        static Rendered of(byte[] plain) {
            return new Rendered(plain);
        }

        byte[] plain() {
            return plain;
        }

        Supplier<byte[]> gzipped() {
            return gzipped;
        }

        /** The answer last built from this body when its headers equal {@code headers}, else a new one from build. */
        ApiResponse response(Map<String, String> headers, Supplier<ApiResponse> build) {
            ApiResponse r = last;
            if (r == null || !r.headers().equals(headers)) {
                r = build.get();
                last = r;
            }
            return r;
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The body at this service index: the cached one when it was rendered at the same index, else a fresh one. */
    <T> Rendered get(String service, boolean passing, long index, Supplier<List<T>> read,
                   Function<List<T>, byte[]> render) {
        Key key = new Key(service, passing);
        Entry e = entries.get(key);
        if (e != null && e.index() == index) {
            return e.body();
        }
        Rendered body = Rendered.of(render.apply(read.get()));
        if (body.plain().length <= MAX_BODY_BYTES) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(index, body));
        }
        return body;
    }

    int size() {
        return entries.size();
    }
}
