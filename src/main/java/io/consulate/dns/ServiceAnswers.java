// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.Node;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers service lookups, in both the Consul form ({@code [tag.]name.service.<zone>}) and the RFC 2782 form.
 *
 * <p>The instances are read from the store's by-name index ({@link CatalogStore#health}), so a query costs the
 * number of instances of that one service, never the size of the catalog. Unhealthy instances are dropped
 * ({@link Instances#healthy}), the rest shuffled, so every answer spreads load. If no instance is left the
 * name does not exist (NXDOMAIN, as in Consul); if instances exist but none has data of the asked type the
 * answer is NODATA.
 *
 * <p>A/AAAA answers carry one record per distinct address, at most {@code a_record_limit} of them; when no
 * instance has an IP address the first host-name address is answered as a CNAME. SRV answers carry one record
 * per distinct (node, address, port) with priority 1 and the instance's weight; the target is the node's
 * name, or {@code <hex-ip>.addr.<dc>.<zone>} when the service has its own address, or the service's host name.
 * The target's address (and node meta as TXT) goes in the additional section.
 *
 * <p>For throughput the entries, in catalog order, are kept in an {@link AnswerCache} per question and service
 * index; each query only shuffles a copy and applies {@code a_record_limit}, so the kept subset is still a
 * random one. Any change the service's readers can see (a check turning critical included) moves its index, so
 * the very next answer reflects it. When several instances share one (node, address, port), the first in
 * catalog order gives the SRV record.
 */
final class ServiceAnswers {
    /** Most questions whose built answers are kept. */
    static final int CACHED_QUESTIONS = 10_000;

    private final DnsConfig cfg;
    private final CatalogStore catalog;
    private final ZoneApex apex;
    private final Supplier<RandomGenerator> random;
    private final AnswerCache<Question, Built> cache = new AnswerCache<>(CACHED_QUESTIONS);

    /**
     * A question as asked: the name keeps its case, since answers echo it. Only all-lower-case names are kept
     * (what resolvers send), so case variants of one name cannot fill the cache with copies of a large answer.
     */
    private record Question(String qname, int qtype) {}

    /** A built answer: whether the service has healthy instances, and the entries for the question's type. */
    private record Built(boolean found, List<Answer.Entry> entries) {
        static final Built NOT_FOUND = new Built(false, List.of());
    }

    ServiceAnswers(DnsConfig cfg, CatalogStore catalog, ZoneApex apex, Supplier<RandomGenerator> random) {
        this.cfg = cfg;
        this.catalog = catalog;
        this.apex = apex;
        this.random = random;
    }

    Answer service(Name qname, int qtype, Name zone, String service, String tag) {
        String asked = qname.toString();
        boolean keep = asked.chars().noneMatch(c -> c >= 'A' && c <= 'Z');
        Built b = catalog.health(service, null, (index, entries) -> keep
                ? cache.get(index, new Question(asked, qtype), () -> build(entries.get(), qname, qtype, service, tag, zone))
                : build(entries.get(), qname, qtype, service, tag, zone)).value();
        if (!b.found()) {
            return apex.nxDomain(zone);
        }
        if (b.entries().isEmpty()) {
            return apex.noData(zone);
        }
        List<Answer.Entry> shuffled = new ArrayList<>(b.entries());
        Collections.shuffle(shuffled, random.get());
        int limit = cfg.aRecordLimit();
        boolean addresses = qtype != Type.SRV;
        return Answer.of(addresses && limit > 0 && shuffled.size() > limit ? shuffled.subList(0, limit) : shuffled);
    }

    /** The answer's entries in catalog order, before the per-query shuffle and {@code a_record_limit}. */
    private Built build(List<HealthEntry> instances, Name qname, int qtype, String service, String tag, Name zone) {
        List<HealthEntry> healthy = Instances.healthy(instances, tag, cfg.onlyPassing());
        if (healthy.isEmpty()) {
            return Built.NOT_FOUND;
        }
        long ttl = cfg.serviceTtlSeconds(service);
        List<Answer.Entry> entries = switch (qtype) {
            case Type.SRV -> srv(qname, zone, healthy, ttl);
            case Type.A, Type.AAAA, Type.ANY -> addresses(qname, qtype, healthy, ttl);
            default -> List.of();
        };
        return new Built(true, List.copyOf(entries));
    }

    private List<Answer.Entry> addresses(Name qname, int qtype, List<HealthEntry> instances, long ttl) {
        List<Answer.Entry> out = new ArrayList<>();
        Set<InetAddress> seen = new HashSet<>();
        Record alias = null;
        for (HealthEntry e : instances) {
            Instances.Endpoint ep = Instances.of(e, qtype);
            if (ep == null) {
                continue;
            }
            if (ep.ip() == null) {
                alias = alias != null ? alias : Records.cname(qname, ttl, ep.host());
            } else if (seen.add(ep.ip())) {
                out.add(Answer.Entry.of(Records.address(qname, ttl, ep.ip())));
            }
        }
        if (out.isEmpty() && alias != null) {
            out.add(Answer.Entry.of(alias));
        }
        return out;
    }

    private List<Answer.Entry> srv(Name qname, Name zone, List<HealthEntry> instances, long ttl) {
        List<Answer.Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HealthEntry e : instances) {
            Node node = e.node();
            String tuple = node.node() + '\0' + e.service().address() + '\0' + e.service().port();
            if (!seen.add(tuple)) {
                continue;
            }
            Answer.Entry entry = srvEntry(qname, zone, e, ttl);
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private Answer.Entry srvEntry(Name qname, Name zone, HealthEntry e, long ttl) {
        Instances.Endpoint ep = Instances.of(e, Type.SRV);
        if (ep == null) {
            return null;
        }
        int weight = Instances.weight(e);
        int port = e.service().port();
        if (ep.ip() == null) { // a host name: the client resolves it itself
            return Answer.Entry.of(Records.srv(qname, ttl, weight, port, ep.host()));
        }
        Name nodeName = Records.nodeName(e.node().node(), cfg.datacenter(), zone);
        boolean ownAddress = !e.service().address().isEmpty()
                && !ep.ip().equals(Records.ip(e.node().address()));
        Name target = ownAddress || nodeName == null ? Records.addrName(ep.ip(), cfg.datacenter(), zone) : nodeName;
        if (target == null) {
            return null;
        }
        List<Record> extra = new ArrayList<>();
        extra.add(Records.address(target, ttl, ep.ip()));
        if (cfg.nodeMetaTxt() && nodeName != null) {
            extra.addAll(Records.metaTxt(nodeName, ttl, e.node().meta()));
        }
        return new Answer.Entry(List.of(Records.srv(qname, ttl, weight, port, target)), extra);
    }
}
