package io.consulate.state.catalog;

import java.util.Locale;

/** Names shared by the catalog tables: lookup keys and watch topics. */
public final class Catalog {
    /** Table watch topic: any node change. */
    public static final String NODES = "nodes";
    /** Table watch topic: any service instance change. */
    public static final String SERVICES = "services";
    /** Table watch topic: any check change. */
    public static final String CHECKS = "checks";

    private Catalog() {}

    /** Node and service names are case-insensitive, as in Consul. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Watch topic for everything a health or catalog query of one service name depends on. */
    public static String serviceTopic(String name) {
        return "svc/" + key(name);
    }

    /** Watch topic for everything on one node. */
    public static String nodeTopic(String node) {
        return "node/" + key(node);
    }
}
