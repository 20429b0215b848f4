package io.consulate.server;

import io.consulate.api.CatalogWire;
import io.consulate.api.Json;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/health/*}: service/:name, checks/:name, node/:node, state/:state. */
public final class HealthEndpoints {
    private static final Set<String> STATES = Set.of("any", Check.PASSING, Check.WARNING, Check.CRITICAL);

    private final CatalogStore catalog;
    private final Reads reads;
    private final RenderedHealthCache rendered = new RenderedHealthCache();

    public HealthEndpoints(CatalogStore catalog, Reads reads) {
        this.catalog = catalog;
        this.reads = reads;
    }

    /** Instances with node and checks; {@code ?passing} drops any with a non-passing node or service check. */
    public CompletableFuture<ApiResponse> service(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        boolean passing = CatalogQueries.passing(r);
        List<String> tags = r.params("tag");
        Map<String, String> meta = CatalogQueries.nodeMeta(r);
        String name = r.tail();
        String expr = r.param("filter");
        if (tags.isEmpty() && meta.isEmpty() && (expr == null || expr.isEmpty())) {
            // The common discovery read: its answer depends only on the service's index, so it is cached per index.
            return reads.read(opts, ws -> catalog.health(name, ws, (index, entries) ->
                    rendered.get(name, passing, index, entries, list -> render(list, passing))))
                    .thenApply(res -> res.value().response(reads.headers(res.index(), opts),
                            () -> reads.json(200, res.value().plain(), res.index(), opts)
                                    .withGzipped(res.value().gzipped())));
        }
        return reads.read(opts, ws -> catalog.health(name, ws)).thenApply(res -> {
            List<Object> out = new ArrayList<>();
            for (HealthEntry e : res.value()) {
                if ((!passing || e.passing()) && CatalogQueries.hasTags(e.service(), tags)
                        && CatalogQueries.nodeMatches(e.node(), meta)) {
                    Map<String, Object> wire = CatalogWire.healthEntry(e.node(), e.service(), e.checks());
                    if (filter.matches(wire)) {
                        out.add(wire);
                    }
                }
            }
            return reads.json(200, Json.write(out), res.index(), opts);
        });
    }

    private static byte[] render(List<HealthEntry> entries, boolean passing) {
        List<Object> out = new ArrayList<>();
        for (HealthEntry e : entries) {
            if (!passing || e.passing()) {
                out.add(CatalogWire.healthEntry(e.node(), e.service(), e.checks()));
            }
        }
        return Json.write(out);
    }

    public CompletableFuture<ApiResponse> checks(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        return reads.read(opts, ws -> catalog.serviceChecks(r.tail(), ws)).thenApply(res -> checks(res, filter, opts));
    }

    public CompletableFuture<ApiResponse> node(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        return reads.read(opts, ws -> catalog.nodeChecks(r.tail(), ws)).thenApply(res -> checks(res, filter, opts));
    }

    public CompletableFuture<ApiResponse> state(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        String state = r.tail();
        if (!STATES.contains(state)) {
            throw HttpError.badRequest("Bad state: " + (state.length() > 64 ? state.substring(0, 64) : state));
        }
        return reads.read(opts, ws -> catalog.checksInState(state, ws)).thenApply(res -> checks(res, filter, opts));
    }

    private ApiResponse checks(io.consulate.state.Indexed<List<Check>> res, io.consulate.filter.Filter filter,
                               QueryOptions opts) {
        List<Object> out = new ArrayList<>();
        for (Check c : res.value()) {
            Map<String, Object> wire = CatalogWire.check(c);
            if (filter.matches(wire)) {
                out.add(wire);
            }
        }
        return reads.json(200, Json.write(out), res.index(), opts);
    }
}
