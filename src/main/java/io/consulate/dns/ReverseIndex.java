// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogImage;
import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Address to name, for PTR answers: which node, or else which service, has a given address.
 *
 * <p>Why a cached index: the store indexes services by name, not by address, and Consul answers PTR by
 * listing every node on every query. Here the map is rebuilt only when the catalog's node or service tables
 * have changed since the last build (one O(1) read of their index tells), so a PTR query is a hash lookup
 * and the whole-catalog walk happens at most once per catalog change, on the first PTR query after it.
 * Nodes win over services; among several owners of one address the first node (or service instance) by
 * name is answered, so answers are deterministic.
 */
final class ReverseIndex {
    /** A node name never registered (node names are never empty): reading it costs O(1) and tells the index. */
    private static final String PROBE = "";

    /** What owns an address. */
    record Owner(String name, boolean node) {}

    private record Built(long version, Map<InetAddress, Owner> owners) {}

    private final CatalogStore catalog;
    private volatile Built built = new Built(Long.MIN_VALUE, Map.of());

    ReverseIndex(CatalogStore catalog) {
        this.catalog = catalog;
    }

    /** The node or service that has this address, or null. */
    Owner lookup(InetAddress address) {
        long version = catalog.nodeServices(PROBE, null).index();
        Built b = built;
        if (b.version() != version) {
            b = rebuild(version);
        }
        return b.owners().get(address);
    }

    private synchronized Built rebuild(long version) {
        if (built.version() == version) {
            return built;
        }
        CatalogImage image = catalog.image();
        Map<InetAddress, Owner> owners = new HashMap<>();
        List<Node> nodes = image.nodes().stream().sorted(Comparator.comparing(Node::node)).toList();
        for (Node n : nodes) {
            InetAddress ip = Records.ip(n.address());
            if (ip != null) {
                owners.putIfAbsent(ip, new Owner(n.node(), true));
            }
        }
        List<Service> services = image.services().stream()
                .sorted(Comparator.comparing(Service::node).thenComparing(Service::id)).toList();
        for (Service s : services) {
            InetAddress ip = Records.ip(s.address());
            if (ip != null) {
                owners.putIfAbsent(ip, new Owner(s.service(), false));
            }
        }
        Built b = new Built(version, Map.copyOf(owners));
        built = b;
        return b;
    }
}
