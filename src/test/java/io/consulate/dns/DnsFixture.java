// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import java.util.List;
import java.util.Map;

/**
 * A running {@link DnsServer} on a free loopback port over an in-memory catalog, with terse helpers to
 * register nodes, service instances and checks exactly as the Raft state machine would (no Raft involved).
 */
final class DnsFixture implements AutoCloseable {
    final CatalogStore catalog = new CatalogStore(topic -> { });
    final DnsConfig config;
    final DnsServer server;
    private long index = 1;

    private DnsFixture(DnsConfig config) throws InterruptedException {
        this.config = config;
        this.server = DnsServer.start(config, catalog);
    }

    /** Consul's defaults, domain {@code consul.}, datacenter dc1, no recursors. */
    static DnsFixture start() throws InterruptedException {
        return start(Map.of(), List.of(), null);
    }

    static DnsFixture start(Map<String, Object> dnsConfig, List<String> recursors, String altDomain)
            throws InterruptedException {
        return new DnsFixture(config(dnsConfig, recursors, altDomain));
    }

    static DnsConfig config(Map<String, Object> dnsConfig, List<String> recursors, String altDomain) {
        return DnsConfig.of("127.0.0.1", 0, "consul.", altDomain, "dc1", "agent-one", recursors, dnsConfig);
    }

    int port() {
        return server.udpPort();
    }

    static Node node(String name, String address, Map<String, String> meta, Map<String, String> tagged) {
        return new Node("", name, address, "dc1", tagged, meta, 0, 0);
    }

    static Node node(String name, String address) {
        return node(name, address, Map.of(), Map.of());
    }

    void register(Node node) {
        catalog.register(index++, new Registration(node, null, List.of(), false));
    }

    /** Registers an instance (ID = name + "-" + node) and one service check with the given status. */
    void service(Node node, String name, List<String> tags, String address, int port, String status) {
        service(node, name, name + "-" + node.node(), tags, address, port, status, Map.of());
    }

    void service(Node node, String name, String id, List<String> tags, String address, int port, String status,
            Map<String, Integer> weights) {
        Service s = new Service(node.node(), "", id, name, tags, address, Map.of(), Map.of(), port, weights, false,
                0, 0);
        catalog.register(index++, new Registration(node, s, List.of(check(node.node(), "chk-" + id, id, status)),
                false));
    }

    /** Sets the status of the service check of instance {@code id} (as registered by {@link #service}). */
    void serviceCheck(Node node, String id, String status) {
        catalog.register(index++, new Registration(node, null, List.of(check(node.node(), "chk-" + id, id, status)),
                false));
    }

    void nodeCheck(Node node, String checkId, String status) {
        catalog.register(index++, new Registration(node, null, List.of(check(node.node(), checkId, "", status)),
                false));
    }

    void deregisterService(String node, String serviceId) {
        catalog.deregister(index++, node, serviceId, "");
    }

    private static Check check(String node, String checkId, String serviceId, String status) {
        return new Check(node, checkId, checkId, status, "", "", serviceId, "", List.of(), "ttl", Map.of(), 0, 0);
    }

    @Override
    public void close() {
        server.close();
    }
}
