// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.Node;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * The zone's own records: SOA and NS at the apex, and the SOA every negative answer carries.
 *
 * <p>As in Consul, the SOA names {@code ns.<zone>} and {@code hostmaster.<zone>}, its serial is the current
 * Unix time, and its TTL equals {@code soa.min_ttl}, the negative-caching TTL. NS records list up to three
 * healthy servers (instances of the {@code consul} service) as {@code <node>.node.<dc>.<zone>} with their
 * addresses as glue; before any server is registered, this agent's own node stands in.
 */
final class ZoneApex {
    private static final int MAX_NAMESERVERS = 3;
    private static final String SERVER_SERVICE = "consul";

    private final DnsConfig cfg;
    private final CatalogStore catalog;
    private final Clock clock;
    private final Supplier<RandomGenerator> random;

    ZoneApex(DnsConfig cfg, CatalogStore catalog, Clock clock, Supplier<RandomGenerator> random) {
        this.cfg = cfg;
        this.catalog = catalog;
        this.clock = clock;
        this.random = random;
    }

    /** The zone's SOA record, for answers and for the authority section of negative answers. */
    Record soa(Name zone) {
        DnsConfig.Soa s = cfg.soa();
        long serial = (clock.millis() / 1000) & 0xFFFF_FFFFL;
        return new SOARecord(zone, DClass.IN, s.minTtl(), child("ns", zone), child("hostmaster", zone), serial,
                s.refresh(), s.retry(), s.expire(), s.minTtl());
    }

    /** NODATA for this zone: NOERROR, no answers, SOA in authority. */
    Answer noData(Name zone) {
        return Answer.negative(Rcode.NOERROR, soa(zone));
    }

    /** NXDOMAIN for this zone, SOA in authority. */
    Answer nxDomain(Name zone) {
        return Answer.negative(Rcode.NXDOMAIN, soa(zone));
    }

    /** Questions about the apex itself: SOA, NS, ANY; anything else has no data there. */
    Answer answer(int qtype, Name zone) {
        return switch (qtype) {
            case Type.SOA -> {
                List<Answer.Entry> ns = nameservers(zone);
                List<Record> nsRecords = new ArrayList<>();
                List<Record> glue = new ArrayList<>();
                ns.forEach(e -> {
                    nsRecords.addAll(e.answers());
                    glue.addAll(e.additional());
                });
                yield new Answer(Rcode.NOERROR, true, List.of(new Answer.Entry(List.of(soa(zone)), glue)),
                        nsRecords);
            }
            case Type.NS -> Answer.of(nameservers(zone));
            case Type.ANY -> {
                List<Answer.Entry> all = new ArrayList<>();
                all.add(Answer.Entry.of(soa(zone)));
                all.addAll(nameservers(zone));
                yield Answer.of(all);
            }
            default -> noData(zone);
        };
    }

    /** Up to three NS records, each with its glue address. */
    List<Answer.Entry> nameservers(Name zone) {
        long ttl = cfg.nodeTtlSeconds();
        List<HealthEntry> servers = new ArrayList<>(
                Instances.healthy(catalog.health(SERVER_SERVICE, null).value(), null, false));
        Collections.shuffle(servers, random.get());
        List<Answer.Entry> out = new ArrayList<>();
        for (HealthEntry s : servers) {
            Answer.Entry e = nameserver(zone, s.node().node(), s.node(), ttl);
            if (e != null && out.stream().noneMatch(o -> o.answers().equals(e.answers()))) {
                out.add(e);
            }
            if (out.size() == MAX_NAMESERVERS) {
                break;
            }
        }
        if (out.isEmpty()) {
            Answer.Entry self = nameserver(zone, cfg.nodeName(), catalog.node(cfg.nodeName()), ttl);
            out.add(self != null ? self : Answer.Entry.of(new NSRecord(zone, DClass.IN, ttl, child("ns", zone))));
        }
        return out;
    }

    private Answer.Entry nameserver(Name zone, String nodeName, Node node, long ttl) {
        Name target = Records.nodeName(nodeName.toLowerCase(Locale.ROOT), cfg.datacenter(), zone);
        if (target == null) {
            return null;
        }
        Record ns = new NSRecord(zone, DClass.IN, ttl, target);
        Instances.Endpoint ep = node == null ? null : Instances.of(node, Type.ANY);
        List<Record> glue = ep == null || ep.ip() == null ? List.of() : List.of(Records.address(target, ttl, ep.ip()));
        return new Answer.Entry(List.of(ns), glue);
    }

    private static Name child(String label, Name zone) {
        try {
            return Name.concatenate(Name.fromConstantString(label), zone);
        } catch (org.xbill.DNS.NameTooLongException e) {
            return zone;
        }
    }
}
