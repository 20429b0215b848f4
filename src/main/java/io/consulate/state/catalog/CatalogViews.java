package io.consulate.state.catalog;

import java.util.List;
import java.util.Map;

/** Read results of the catalog, joined the way the catalog and health endpoints answer. */
public final class CatalogViews {
    private CatalogViews() {}

    /** A service instance with the node it runs on (catalog/service). */
    public record ServiceNode(Node node, Service service) {}

    /** A node with every service on it (catalog/node). */
    public record NodeServices(Node node, Map<String, Service> services) {
        public NodeServices {
            services = Map.copyOf(services);
        }
    }

    /** A service instance with its node and every check that decides its health (health/service). */
    public record HealthEntry(Node node, Service service, List<Check> checks) {
        public HealthEntry {
            checks = List.copyOf(checks);
        }

        /** True when every node and service check passes: what {@code ?passing} keeps. */
        public boolean passing() {
            for (Check c : checks) {
                if (!Check.PASSING.equals(c.status())) {
                    return false;
                }
            }
            return true;
        }
    }
}
