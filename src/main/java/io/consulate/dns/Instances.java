// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Which service instances DNS may return, their SRV weight, and which address answers a given query type.
 *
 * <p>Why these rules: they are Consul's. An instance with any critical check, on the service or on its node,
 * is never returned; with {@code only_passing} anything not passing is dropped too. Tags match
 * case-insensitively. The weight is {@code Weights.Warning} when some check warns, else
 * {@code Weights.Passing}. A service without its own address answers with its node's; an A (or AAAA)
 * question falls back to the {@code lan_ipv4} (or {@code lan_ipv6}) tagged address when the main address is of
 * the other family, so dual-stack nodes answer both.
 */
final class Instances {
    private Instances() {}

    /** Where an instance or node is reached: an IP address, or a host name answered as a CNAME or SRV target. */
    record Endpoint(InetAddress ip, Name host) {}

    /** The instances carrying {@code tag} (any tag when null) that pass the health rules. */
    static List<HealthEntry> healthy(List<HealthEntry> all, String tag, boolean onlyPassing) {
        List<HealthEntry> out = new ArrayList<>(all.size());
        for (HealthEntry e : all) {
            if (e.node() != null && isHealthy(e, onlyPassing) && hasTag(e.service(), tag)) {
                out.add(e);
            }
        }
        return out;
    }

    static boolean isHealthy(HealthEntry e, boolean onlyPassing) {
        for (Check c : e.checks()) {
            if (Check.CRITICAL.equals(c.status()) || (onlyPassing && !Check.PASSING.equals(c.status()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTag(Service s, String tag) {
        if (tag == null) {
            return true;
        }
        for (String t : s.tags()) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** SRV weight: {@code Weights.Warning} if any check warns, else {@code Weights.Passing} (default 1). */
    static int weight(HealthEntry e) {
        boolean warning = e.checks().stream().anyMatch(c -> Check.WARNING.equals(c.status()));
        Integer w = e.service().weights().get(warning ? "Warning" : "Passing");
        return w == null ? 1 : w;
    }

    /** The endpoint a service instance answers with for a query type, or null when it has none. */
    static Endpoint of(HealthEntry e, int qtype) {
        Service s = e.service();
        if (!s.address().isEmpty()) {
            return pick(s.address(), serviceTagged(s, "lan_ipv4"), serviceTagged(s, "lan_ipv6"), qtype);
        }
        return of(e.node(), qtype);
    }

    /** The endpoint a node answers with for a query type, or null when it has none. */
    static Endpoint of(Node n, int qtype) {
        return pick(n.address(), n.taggedAddresses().get("lan_ipv4"), n.taggedAddresses().get("lan_ipv6"), qtype);
    }

    private static Endpoint pick(String primary, String v4, String v6, int qtype) {
        InetAddress p = Records.ip(primary);
        if (qtype == Type.A || qtype == Type.AAAA) {
            Class<? extends InetAddress> family = qtype == Type.A ? Inet4Address.class : Inet6Address.class;
            if (family.isInstance(p)) {
                return new Endpoint(p, null);
            }
            InetAddress alt = Records.ip(qtype == Type.A ? v4 : v6);
            if (family.isInstance(alt)) {
                return new Endpoint(alt, null);
            }
            return p == null ? host(primary) : null;
        }
        return p != null ? new Endpoint(p, null) : host(primary);
    }

    private static Endpoint host(String primary) {
        Name h = Records.hostName(primary);
        return h == null ? null : new Endpoint(null, h);
    }

    private static String serviceTagged(Service s, String key) {
        Map<String, Object> tagged = s.taggedAddresses().get(key);
        Object a = tagged == null ? null : tagged.get("Address");
        return a == null ? null : String.valueOf(a);
    }
}
