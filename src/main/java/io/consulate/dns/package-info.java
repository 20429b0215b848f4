// SPDX-License-Identifier: Apache-2.0
/**
 * Consul's DNS interface: node, service, RFC 2782, addr and PTR lookups answered over UDP and TCP from the
 * catalog in memory, and everything else forwarded to recursors.
 *
 * <p>The path of one query: {@link io.consulate.dns.DnsServer} (Netty transport) hands the bytes to
 * {@code QueryHandler}; {@code InboundPacket} rejects malformed packets; {@code QueryNames} parses the
 * question into a {@code QueryName}; {@code ZoneApex}, {@code NodeAnswers} and {@code ServiceAnswers} build
 * an {@code Answer} from the store; {@code ResponseWriter} sizes it for the transport, setting TC rather than
 * cutting silently; {@code Recursor} forwards names outside our zones.
 */
package io.consulate.dns;
