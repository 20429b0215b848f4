package io.consulate.server;

import io.consulate.http.ApiRequest;
import io.consulate.filter.Filter;
import io.consulate.filter.FilterException;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters the catalog and health endpoints share: node-meta, tag, passing, filter. */
final class CatalogQueries {
    private CatalogQueries() {}

    /** {@code node-meta=k:v}, repeatable, all must match. */
    static Map<String, String> nodeMeta(ApiRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : r.params("node-meta")) {
            int colon = kv.indexOf(':');
            out.put(colon < 0 ? kv : kv.substring(0, colon), colon < 0 ? "" : kv.substring(colon + 1));
        }
        return out;
    }

    static boolean nodeMatches(Node n, Map<String, String> meta) {
        for (var e : meta.entrySet()) {
            if (!e.getValue().equals(n.meta().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code tag}, repeatable: the instance must carry every one (case-insensitive, as Consul). */
    static boolean hasTags(Service s, List<String> tags) {
        for (String t : tags) {
            if (s.tags().stream().noneMatch(x -> x.equalsIgnoreCase(t))) {
                return false;
            }
        }
        return true;
    }

    /** {@code passing}: absent means no filter; present and empty means true; else a Go bool. */
    static boolean passing(ApiRequest r) {
        if (!r.has("passing")) {
            return false;
        }
        String v = r.param("passing");
        return switch (v == null ? "" : v) {
            case "", "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw HttpError.badRequest("Invalid value for ?passing");
        };
    }

    /**
     * The request's {@code filter} expression, parsed once per request, or one that keeps everything.
     * A bad expression is a 400 worded as Consul words it.
     */
    static Filter filter(ApiRequest r) {
        String expr = r.param("filter");
        try {
            return Filter.parse(expr == null ? "" : expr);
        } catch (FilterException e) {
            throw HttpError.badRequest("Failed to create boolean expression evaluator: " + e.getMessage());
        }
    }
}
