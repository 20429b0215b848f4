// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.Node;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers node lookups ({@code <node>.node.<zone>}) and addr lookups ({@code <hex-ip>.addr.<zone>}).
 *
 * <p>A node answers A or AAAA with its address (a CNAME when the address is a host name) and carries its meta
 * as RFC 1464 TXT records: in the additional section for A/AAAA when {@code enable_additional_node_meta_txt}
 * is on, in the answer for TXT and ANY. Node lookups ignore health, as in Consul. An unknown node is
 * NXDOMAIN; a known node without data of the asked type is NODATA. Each lookup is one hash-map read.
 */
final class NodeAnswers {
    private final DnsConfig cfg;
    private final CatalogStore catalog;
    private final ZoneApex apex;

    NodeAnswers(DnsConfig cfg, CatalogStore catalog, ZoneApex apex) {
        this.cfg = cfg;
        this.catalog = catalog;
        this.apex = apex;
    }

    Answer node(Name qname, int qtype, Name zone, String nodeName) {
        Node n = catalog.node(nodeName);
        if (n == null) {
            return apex.nxDomain(zone);
        }
        long ttl = cfg.nodeTtlSeconds();
        boolean metaInAnswer = qtype == Type.TXT || qtype == Type.ANY;
        boolean metaInExtra = cfg.nodeMetaTxt() && (qtype == Type.A || qtype == Type.AAAA);
        List<Record> txt = metaInAnswer || metaInExtra ? Records.metaTxt(qname, ttl, n.meta()) : List.of();
        List<Answer.Entry> entries = new ArrayList<>();
        if (qtype == Type.A || qtype == Type.AAAA || qtype == Type.ANY) {
            Record r = addressOrAlias(qname, ttl, Instances.of(n, qtype));
            if (r != null) {
                entries.add(new Answer.Entry(List.of(r), metaInExtra ? txt : List.of()));
            }
        }
        if (metaInAnswer) {
            txt.forEach(t -> entries.add(Answer.Entry.of(t)));
        }
        return entries.isEmpty() ? apex.noData(zone) : Answer.of(entries);
    }

    /** The address spelled in the name, if it is of the asked family; Consul ignores the datacenter here. */
    Answer addr(Name qname, int qtype, Name zone, InetAddress ip) {
        if (qtype == Records.typeOf(ip) || qtype == Type.ANY) {
            return Answer.of(List.of(Answer.Entry.of(Records.address(qname, cfg.nodeTtlSeconds(), ip))));
        }
        return apex.noData(zone);
    }

    private static Record addressOrAlias(Name qname, long ttl, Instances.Endpoint ep) {
        if (ep == null) {
            return null;
        }
        return ep.ip() != null ? Records.address(qname, ttl, ep.ip()) : Records.cname(qname, ttl, ep.host());
    }
}
