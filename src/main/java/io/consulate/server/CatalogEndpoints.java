package io.consulate.server;

import io.consulate.api.CatalogRegisterRequest;
import io.consulate.api.CatalogWire;
import io.consulate.api.Json;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.QueryOptions;
import io.consulate.state.Indexed;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.CatalogViews.ServiceNode;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/catalog/*}: register, deregister, nodes, services, service/:name, node/:node, node-services/:node. */
public final class CatalogEndpoints {
    private static final byte[] TRUE = "true".getBytes();

    private final CatalogService service;
    private final CatalogStore catalog;
    private final Reads reads;

    public CatalogEndpoints(CatalogService service, CatalogStore catalog, Reads reads) {
        this.service = service;
        this.catalog = catalog;
        this.reads = reads;
    }

    public CompletableFuture<ApiResponse> register(ApiRequest r) {
        CatalogRegisterRequest body = Json.read(r.body().unsafeArray(), CatalogRegisterRequest.class);
        return service.register(body).thenApply(v -> ApiResponse.json(200, TRUE));
    }

    public CompletableFuture<ApiResponse> deregister(ApiRequest r) {
        var body = Json.read(r.body().unsafeArray(), CatalogRegisterRequest.Deregister.class);
        return service.deregister(body).thenApply(v -> ApiResponse.json(200, TRUE));
    }

    public CompletableFuture<ApiResponse> nodes(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        Map<String, String> meta = CatalogQueries.nodeMeta(r);
        return reads.read(opts, catalog::nodes).thenApply(res -> {
            List<Object> out = new ArrayList<>();
            for (Node n : res.value()) {
                Map<String, Object> wire = CatalogWire.node(n);
                if (CatalogQueries.nodeMatches(n, meta) && filter.matches(wire)) {
                    out.add(wire);
                }
            }
            return reads.json(200, Json.write(out), res.index(), opts);
        });
    }

    public CompletableFuture<ApiResponse> services(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        Map<String, String> meta = CatalogQueries.nodeMeta(r);
        if (meta.isEmpty() && !r.has("filter")) {
            return reads.read(opts, catalog::services)
                    .thenApply(res -> reads.json(200, Json.write(res.value()), res.index(), opts));
        }
        return reads.read(opts, ws -> {
            Indexed<Map<String, List<String>>> all = catalog.services(ws);
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String name : all.value().keySet()) {
                for (ServiceNode sn : catalog.serviceNodes(name, null).value()) {
                    if (CatalogQueries.nodeMatches(sn.node(), meta)
                            && filter.matches(CatalogWire.serviceNode(sn.node(), sn.service()))) {
                        out.put(name, all.value().get(name));
                    }
                }
            }
            return new Indexed<>(all.index(), out);
        }).thenApply(res -> reads.json(200, Json.write(res.value()), res.index(), opts));
    }

    public CompletableFuture<ApiResponse> service(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        var filter = CatalogQueries.filter(r);
        Map<String, String> meta = CatalogQueries.nodeMeta(r);
        List<String> tags = r.params("tag");
        String name = r.tail();
        return reads.read(opts, ws -> catalog.serviceNodes(name, ws)).thenApply(res -> {
            List<Object> out = new ArrayList<>();
            for (ServiceNode sn : res.value()) {
                Map<String, Object> wire = CatalogWire.serviceNode(sn.node(), sn.service());
                if (CatalogQueries.nodeMatches(sn.node(), meta) && CatalogQueries.hasTags(sn.service(), tags)
                        && filter.matches(wire)) {
                    out.add(wire);
                }
            }
            return reads.json(200, Json.write(out), res.index(), opts);
        });
    }

    /** An unknown node answers 200 with {@code null}, as Consul does. */
    public CompletableFuture<ApiResponse> node(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        return reads.read(opts, ws -> catalog.nodeServices(r.tail(), ws)).thenApply(res -> {
            if (res.value() == null) {
                return reads.json(200, "null".getBytes(), res.index(), opts);
            }
            Map<String, Object> services = new LinkedHashMap<>();
            res.value().services().values().stream().sorted(java.util.Comparator.comparing(Service::id))
                    .forEach(s -> services.put(s.id(), CatalogWire.service(s)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Node", CatalogWire.node(res.value().node()));
            body.put("Services", services);
            return reads.json(200, Json.write(body), res.index(), opts);
        });
    }

    public CompletableFuture<ApiResponse> nodeServices(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        return reads.read(opts, ws -> catalog.nodeServices(r.tail(), ws)).thenApply(res -> {
            if (res.value() == null) {
                return reads.json(200, "null".getBytes(), res.index(), opts);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Node", CatalogWire.node(res.value().node()));
            body.put("Services", res.value().services().values().stream()
                    .sorted(java.util.Comparator.comparing(Service::id)).map(CatalogWire::service).toList());
            return reads.json(200, Json.write(body), res.index(), opts);
        });
    }
}
