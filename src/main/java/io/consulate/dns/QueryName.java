// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.net.InetAddress;
import org.xbill.DNS.Name;

/**
 * What a question name asks for, once {@link QueryNames} has parsed it: one of Consul's lookup forms inside
 * our zone, a reverse (PTR) name, or a name that belongs to somebody else.
 *
 * <p>Why a sealed type: the answer path is a switch over these cases, and the compiler checks that every
 * form is answered. The in-zone cases carry the zone the question used ({@code domain} or {@code alt_domain}),
 * because answers name things in the zone that was asked.
 */
sealed interface QueryName {

    /** A name outside our zones and outside {@code arpa.}: forwarded to recursors, or REFUSED. */
    record External() implements QueryName {}

    /**
     * A name under {@code in-addr.arpa.} or {@code ip6.arpa.}.
     *
     * @param address the address it spells, or null when it is not a complete address (a partial or
     *                malformed reverse name)
     */
    record Reverse(InetAddress address) implements QueryName {}

    /** A name inside one of our zones. */
    sealed interface InZone extends QueryName {
        /** The zone apex the question was asked under. */
        Name zone();
    }

    /** The zone apex itself ({@code consul.}): SOA, NS. */
    record Apex(Name zone) implements InZone {}

    /**
     * A name that exists only because names below it exist ({@code service.consul.}, {@code dc1.consul.}):
     * answered NOERROR with no data, never NXDOMAIN, so resolvers doing QNAME minimisation (RFC 9156) and
     * NXDOMAIN cuts (RFC 8020) keep asking below it.
     */
    record Structural(Name zone) implements InZone {}

    /** A name in our zone that cannot exist: unknown form, another datacenter, bad characters. NXDOMAIN. */
    record Unknown(Name zone) implements InZone {}

    /** {@code <node>.node[.<dc>[.dc]].<zone>}; node names may contain dots. */
    record Node(Name zone, String node) implements InZone {}

    /**
     * {@code [<tag>.]<service>.service[.<dc>[.dc]].<zone>} or RFC 2782 {@code _<service>._<tag>...}.
     *
     * @param tag the tag every returned instance must carry, or null for no tag filter
     */
    record Service(Name zone, String service, String tag) implements InZone {}

    /** {@code <hex-ip>.addr[.<dc>].<zone>}: the address spelled in hex, as SRV targets use it. */
    record Addr(Name zone, InetAddress address) implements InZone {}
}
