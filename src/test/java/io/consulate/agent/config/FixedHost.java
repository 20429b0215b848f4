// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.net.InetAddress;
import java.util.List;

/** A host with a fixed name and addresses, so that defaults derived from the machine are deterministic. */
record FixedHost(String hostname, List<InetAddress> privateIpv4, List<InetAddress> publicIpv6)
        implements NetAddrs.Host {

    /** A host called "test-host" with one private IPv4 address, 10.0.0.7. */
    static FixedHost standard() {
        return new FixedHost("test-host", List.of(NetAddrs.parseIp("10.0.0.7")), List.of());
    }
}
