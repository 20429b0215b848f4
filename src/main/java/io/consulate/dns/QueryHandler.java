// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers one DNS packet, independent of the transport: the whole path from bytes in to bytes out.
 *
 * <p>Why transport-free: UDP, TCP and the fuzz test all call {@link #handle}, so the parser and answer code
 * are exercised identically everywhere, and this method never throws. Names in our zones are answered
 * authoritatively from the in-memory store (a stale read, as Consul's DNS does by default; no query waits on
 * Raft) and are never forwarded, whatever their type. Other names go to the recursors, or are REFUSED when
 * none is configured. Reverse names are answered for catalog addresses and forwarded otherwise.
 */
final class QueryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final DnsConfig cfg;
    private final QueryNames names;
    private final ZoneApex apex;
    private final NodeAnswers nodes;
    private final ServiceAnswers services;
    private final ReverseIndex reverse;
    private final Recursor recursor;

    QueryHandler(DnsConfig cfg, CatalogStore catalog, Clock clock, Supplier<RandomGenerator> random) {
        this.cfg = cfg;
        this.names = new QueryNames(cfg.domain(), cfg.altDomain(), cfg.datacenter());
        this.apex = new ZoneApex(cfg, catalog, clock, random);
        this.nodes = new NodeAnswers(cfg, catalog, apex);
        this.services = new ServiceAnswers(cfg, catalog, apex, random);
        this.reverse = new ReverseIndex(catalog);
        this.recursor = new Recursor(cfg, random);
    }

    /** The reply to one packet received over UDP or TCP; never throws. */
    Outcome handle(byte[] packet, boolean overTcp) {
        try {
            return switch (InboundPacket.read(packet)) {
                case InboundPacket.Drop d -> {
                    LOG.trace("DNS packet dropped: {}", d.reason());
                    yield Outcome.DROP;
                }
                case InboundPacket.Reject r -> new Outcome.Reply(r.wire());
                case InboundPacket.Query q -> answer(q, overTcp);
            };
        } catch (RuntimeException e) {
            LOG.warn("DNS packet of {} bytes could not be handled", packet.length, e);
            return Outcome.DROP;
        }
    }

    private Outcome answer(InboundPacket.Query q, boolean overTcp) {
        ResponseWriter.Limits limits = overTcp ? ResponseWriter.Limits.tcp() : ResponseWriter.Limits.udp(q.opt(), cfg);
        try {
            Record question = q.question();
            if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
                return reply(q, Answer.error(Rcode.REFUSED), limits);
            }
            QueryName name = names.parse(question.getName(), question.getType());
            Answer a = name instanceof QueryName.External ? null : lookup(name, question);
            if (a != null) {
                return reply(q, a, limits);
            }
            if (!recursor.enabled()) {
                return reply(q, name instanceof QueryName.Reverse ? apex.nxDomain(names.domain())
                        : Answer.error(Rcode.REFUSED), limits);
            }
            return forward(q, overTcp, limits);
        } catch (RuntimeException e) {
            LOG.warn("DNS query for {} failed", q.question().getName(), e);
            try {
                return reply(q, Answer.error(Rcode.SERVFAIL), limits);
            } catch (RuntimeException again) {
                return Outcome.DROP;
            }
        }
    }

    /** The answer from our own data, or null when the question should be forwarded. */
    private Answer lookup(QueryName name, Record question) {
        Name qname = question.getName();
        int qtype = question.getType();
        if (name instanceof QueryName.InZone && (qtype == Type.AXFR || qtype == Type.IXFR)) {
            return Answer.error(Rcode.NOTIMP);
        }
        return switch (name) {
            case QueryName.External e -> null;
            case QueryName.Reverse r -> reverse(r, qname, qtype);
            case QueryName.Apex a -> apex.answer(qtype, a.zone());
            case QueryName.Structural s -> apex.noData(s.zone());
            case QueryName.Unknown u -> apex.nxDomain(u.zone());
            case QueryName.Node n -> nodes.node(qname, qtype, n.zone(), n.node());
            case QueryName.Addr a -> nodes.addr(qname, qtype, a.zone(), a.address());
            case QueryName.Service s -> services.service(qname, qtype, s.zone(), s.service(), s.tag());
        };
    }

    /** PTR for a catalog address, named in the primary domain as Consul does; null when it is not ours. */
    private Answer reverse(QueryName.Reverse r, Name qname, int qtype) {
        ReverseIndex.Owner owner = r.address() == null ? null : reverse.lookup(r.address());
        if (owner == null) {
            return null;
        }
        Name zone = names.domain();
        Name target = owner.node() ? Records.nodeName(owner.name(), cfg.datacenter(), zone)
                : Records.serviceName(owner.name(), cfg.datacenter(), zone);
        if (target == null) {
            return null;
        }
        if (qtype != Type.PTR && qtype != Type.ANY) {
            return apex.noData(zone);
        }
        long ttl = owner.node() ? cfg.nodeTtlSeconds() : cfg.serviceTtlSeconds(owner.name());
        return Answer.of(List.of(Answer.Entry.of(Records.ptr(qname, ttl, target))));
    }

    private Outcome forward(InboundPacket.Query q, boolean overTcp, ResponseWriter.Limits limits) {
        CompletableFuture<byte[]> wire = recursor.forward(q.message(), overTcp)
                .thenApply(reply -> reply == null ? servfail(q, limits) : fit(reply, limits))
                .exceptionally(e -> {
                    LOG.debug("forwarding {} failed", q.question().getName(), e);
                    return servfail(q, limits);
                });
        return new Outcome.Pending(wire);
    }

    private byte[] servfail(InboundPacket.Query q, ResponseWriter.Limits limits) {
        return ResponseWriter.write(q.message(), q.opt(), Answer.error(Rcode.SERVFAIL), limits, true);
    }

    /** An upstream reply as is, or cut to the client's limit by whole RRsets with TC set. */
    private static byte[] fit(Message reply, ResponseWriter.Limits limits) {
        byte[] wire = reply.toWire();
        return wire.length <= limits.maxBytes() ? wire : reply.toWire(limits.maxBytes());
    }

    private Outcome reply(InboundPacket.Query q, Answer a, ResponseWriter.Limits limits) {
        return new Outcome.Reply(ResponseWriter.write(q.message(), q.opt(), a, limits, recursor.enabled()));
    }
}
