package io.consulate.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table: the whole API surface in one place (Consul's http_register.go). A route is a method,
 * a path (exact, or a prefix ending in {@code /} whose remainder becomes {@link ApiRequest#tail}), a
 * handler and the largest body it accepts.
 */
public final class Routes {
    /** A matched route. */
    public record Match(Route route, String tail) {}

    /** One entry of the table. */
    public record Route(String method, String path, boolean prefix, long maxBody, Handler handler) {}

    private final Map<String, List<Route>> exact = new LinkedHashMap<>();
    private final List<Route> prefixes = new ArrayList<>();

    public Routes exact(String method, String path, long maxBody, Handler handler) {
        exact.computeIfAbsent(path, p -> new ArrayList<>()).add(new Route(method, path, false, maxBody, handler));
        return this;
    }

    /** A prefix route; {@code path} ends with "/" and the rest of the request path is the tail. */
    public Routes prefix(String method, String path, long maxBody, Handler handler) {
        prefixes.add(new Route(method, path, true, maxBody, handler));
        prefixes.sort((a, b) -> Integer.compare(b.path().length(), a.path().length()));
        return this;
    }

    /**
     * Finds the route for a request.
     *
     * @throws HttpError 404 for an unknown path, 405 (with the allowed methods) for a wrong method
     */
    public Match find(String method, String path) {
        List<Route> candidates = exact.get(path);
        String tail = "";
        if (candidates == null) {
            candidates = new ArrayList<>();
            for (Route r : prefixes) {
                if (path.startsWith(r.path())) {
                    if (!candidates.isEmpty() && !candidates.get(0).path().equals(r.path())) {
                        break;
                    }
                    candidates.add(r);
                    tail = path.substring(r.path().length());
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new HttpError(404, "404 page not found");
        }
        Set<String> allowed = new TreeSet<>();
        for (Route r : candidates) {
            if (r.method().equals(method)) {
                return new Match(r, tail);
            }
            allowed.add(r.method());
        }
        throw new MethodNotAllowed(method, allowed);
    }

    /** 405 with the methods the path does accept, for the Allow header. */
    public static final class MethodNotAllowed extends RuntimeException {
        private final transient Set<String> allowed;

        MethodNotAllowed(String method, Set<String> allowed) {
            super("method " + method + " not allowed", null, false, false);
            this.allowed = allowed;
        }

        public String allowHeader() {
            return String.join(", ", allowed);
        }
    }
}
