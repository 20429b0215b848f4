package io.consulate.state;

import java.util.List;
import java.util.Map;

/**
 * A point-in-time copy of everything the store holds, as snapshots and restores see it.
 *
 * @param tombstones deleted key to the index that deleted it
 */
public record StoreImage(long kvMaxIndex, List<KvEntry> entries, Map<String, Long> tombstones,
                         io.consulate.state.catalog.CatalogImage catalog, SessionImage sessions) {
    public StoreImage {
        entries = List.copyOf(entries);
        tombstones = Map.copyOf(tombstones);
        catalog = catalog == null ? io.consulate.state.catalog.CatalogImage.EMPTY : catalog;
        sessions = sessions == null ? SessionImage.EMPTY : sessions;
    }

    /** An image without sessions (snapshot formats 1 and 2). */
    public StoreImage(long kvMaxIndex, List<KvEntry> entries, Map<String, Long> tombstones,
                      io.consulate.state.catalog.CatalogImage catalog) {
        this(kvMaxIndex, entries, tombstones, catalog, SessionImage.EMPTY);
    }
}
