package io.consulate.server;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import io.consulate.http.Gzip;

/**
 * The last rendered body of {@code /v1/health/service/:name} (with and without {@code ?passing}, no other
 * parameter that changes the answer) per service, tagged with the immutable catalog version it was rendered
 * from. Discovery is read far more often than the catalog changes, and rendering a hundred instances to JSON
 * costs far more than answering, so a read of an unchanged catalog reuses the bytes. Any catalog change makes a
 * new version, so an entry can never be served for a catalog it was not rendered from.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} entries (cleared when full) and bodies of at most
 * {@value #MAX_BODY_BYTES} bytes. The version is held weakly, so an entry never keeps an old catalog alive.
 * Thread-safe; two concurrent misses both render and one of them is kept.
 */
final class RenderedHealthCache {
    static final int MAX_ENTRIES = 512;
    static final int MAX_BODY_BYTES = 1 << 20;

    private record Key(String service, boolean passing) { }

    private record Entry(WeakReference<Object> version, Rendered body) { }

    /** A rendered body and its gzip form, compressed on first use and then kept with it. */
    record Rendered(byte[] plain, Supplier<byte[]> gzipped) {
        static Rendered of(byte[] plain) {
            return new Rendered(plain, Gzip.memoized(plain));
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The body for this version: the cached one when it was rendered from the same version, else a fresh one. */
    <T> Rendered get(String service, boolean passing, Object version, Supplier<List<T>> read,
                   Function<List<T>, byte[]> render) {
        Key key = new Key(service, passing);
        Entry e = entries.get(key);
        if (e != null && e.version().get() == version) {
            return e.body();
        }
        Rendered body = Rendered.of(render.apply(read.get()));
        if (body.plain().length <= MAX_BODY_BYTES) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(new WeakReference<>(version), body));
        }
        return body;
    }

    int size() {
        return entries.size();
    }
}
