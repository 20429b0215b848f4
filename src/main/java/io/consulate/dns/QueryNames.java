// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Parses question names into {@link QueryName}s, following Consul's grammar: the rightmost lookup-kind label
 * ({@code service}, {@code node}, {@code addr}, ...) splits the name into the lookup's parts on its left and
 * the locality ({@code [<dc>[.dc]]}) on its right; for SRV questions the rightmost label starting with
 * {@code _} also ends an RFC 2782 name.
 *
 * <p>Why here and not in the answer code: this is the parser hostile input reaches first, so it is small,
 * allocation-light and tested on its own. Labels with escaped characters (anything outside letters, digits,
 * {@code _} and {@code -}) never match a lookup: they are answered NXDOMAIN, never passed to the store.
 */
final class QueryNames {
    private static final Set<String> KINDS =
            Set.of("service", "node", "addr", "query", "connect", "ingress", "virtual");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Name ARPA = Name.fromConstantString("arpa.");
    private static final Name IN_ADDR = Name.fromConstantString("in-addr.arpa.");
    private static final Name IP6 = Name.fromConstantString("ip6.arpa.");

    private final Name domain;
    private final Name altDomain;
    private final String datacenter;

    QueryNames(String domain, String altDomain, String datacenter) {
        this.domain = absolute(domain);
        this.altDomain = altDomain == null ? null : absolute(altDomain);
        this.datacenter = datacenter.toLowerCase(Locale.ROOT);
    }

    /** The primary zone apex ({@code domain}). */
    Name domain() {
        return domain;
    }

    /** Classifies a question name; {@code qtype} matters only for the RFC 2782 form. */
    QueryName parse(Name qname, int qtype) {
        Name zone = zoneOf(qname);
        if (zone == null) {
            if (qname.subdomain(ARPA)) {
                return new QueryName.Reverse(reverseAddress(qname));
            }
            return new QueryName.External();
        }
        int n = qname.labels() - zone.labels();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            String label = qname.getLabelString(i).toLowerCase(Locale.ROOT);
            if (!isSafe(label)) {
                return new QueryName.Unknown(zone);
            }
            labels[i] = label;
        }
        return inZone(zone, labels, qtype);
    }

    /** Whether a lower-cased label is non-empty and only {@code [a-z0-9_-]} (a loop: this runs per query). */
    private static boolean isSafe(String label) {
        if (label.isEmpty()) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private Name zoneOf(Name qname) {
        boolean inPrimary = qname.subdomain(domain);
        boolean inAlt = altDomain != null && qname.subdomain(altDomain);
        if (inPrimary && inAlt) {
            return altDomain.labels() > domain.labels() ? altDomain : domain;
        }
        return inPrimary ? domain : inAlt ? altDomain : null;
    }

    private QueryName inZone(Name zone, String[] labels, int qtype) {
        int n = labels.length;
        if (n == 0) {
            return new QueryName.Apex(zone);
        }
        for (int i = n - 1; i >= 0; i--) {
            String label = labels[i];
            if (KINDS.contains(label)) {
                return lookup(zone, label, Arrays.copyOfRange(labels, 0, i), Arrays.copyOfRange(labels, i + 1, n));
            }
            if (qtype == Type.SRV && label.startsWith("_")) {
                return lookup(zone, "service", Arrays.copyOfRange(labels, 0, i + 1),
                        Arrays.copyOfRange(labels, i + 1, n));
            }
        }
        boolean ancestor = isLocality(labels) || (n == 1 && labels[0].equals("dc"));
        return ancestor ? new QueryName.Structural(zone) : new QueryName.Unknown(zone);
    }

    private QueryName lookup(Name zone, String kind, String[] parts, String[] suffix) {
        if (kind.equals("addr")) {
            // Consul ignores the datacenter of an addr name; the shape must still be a locality.
            if (suffix.length > 2 || (suffix.length == 2 && !suffix[1].equals("dc"))) {
                return new QueryName.Unknown(zone);
            }
            if (parts.length == 0) {
                return new QueryName.Structural(zone);
            }
            InetAddress a = parts.length == 1 ? hexAddress(parts[0]) : null;
            return a == null ? new QueryName.Unknown(zone) : new QueryName.Addr(zone, a);
        }
        if (!isLocality(suffix)) {
            return new QueryName.Unknown(zone);
        }
        if (parts.length == 0) {
            return new QueryName.Structural(zone);
        }
        return switch (kind) {
            case "node" -> new QueryName.Node(zone, String.join(".", parts));
            case "service" -> service(zone, parts);
            default -> new QueryName.Unknown(zone); // prepared queries, mesh and virtual IPs: not served
        };
    }

    private static QueryName service(Name zone, String[] parts) {
        int n = parts.length;
        if (n == 2 && parts[0].startsWith("_") && parts[1].startsWith("_")) {
            String service = parts[0].substring(1);
            String tag = parts[1].substring(1);
            if (service.isEmpty() || tag.isEmpty()) {
                return new QueryName.Unknown(zone);
            }
            return new QueryName.Service(zone, service, tag.equals("tcp") ? null : tag);
        }
        String tag = n >= 2 ? String.join(".", Arrays.copyOfRange(parts, 0, n - 1)) : null;
        return new QueryName.Service(zone, parts[n - 1], tag);
    }

    /** {@code []}, {@code [<dc>]} or {@code [<dc>, "dc"]}, where the datacenter must be ours. */
    private boolean isLocality(String[] suffix) {
        return switch (suffix.length) {
            case 0 -> true;
            case 1 -> suffix[0].equals(datacenter);
            case 2 -> suffix[0].equals(datacenter) && suffix[1].equals("dc");
            default -> false;
        };
    }

    private static InetAddress hexAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        try {
            return InetAddress.getByAddress(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    /** The address a reverse name spells, or null when it is partial or malformed. */
    static InetAddress reverseAddress(Name qname) {
        boolean v4 = qname.subdomain(IN_ADDR);
        boolean v6 = qname.subdomain(IP6);
        int n = qname.labels() - (v4 ? IN_ADDR : IP6).labels();
        if ((!v4 && !v6) || n != (v4 ? 4 : 32)) {
            return null;
        }
        byte[] bytes = new byte[v4 ? 4 : 16];
        for (int i = 0; i < n; i++) {
            String label = qname.getLabelString(i);
            if (v4) {
                if (!OCTET.matcher(label).matches() || Integer.parseInt(label) > 255) {
                    return null;
                }
                bytes[3 - i] = (byte) Integer.parseInt(label);
            } else {
                int nibble = label.length() == 1 ? Character.digit(label.charAt(0), 16) : -1;
                if (nibble < 0) {
                    return null;
                }
                int at = 15 - i / 2;
                bytes[at] = (byte) (bytes[at] | (i % 2 == 0 ? nibble : nibble << 4));
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Name absolute(String zone) {
        try {
            return Name.fromString(zone.endsWith(".") ? zone : zone + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS domain: " + zone, e);
        }
    }
}
