// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.netty.util.NetUtil;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Small factories for the records and names the DNS interface answers with.
 *
 * <p>Why in one place: names built from catalog data (node names, host-name addresses, meta values) are
 * untrusted text. Every conversion from catalog strings to DNS names or TXT data goes through here and
 * yields null, rather than an exception, for anything that is not a valid name; callers then skip it.
 * Address strings are parsed as IP literals only and never looked up.
 */
final class Records {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final int TXT_CHUNK = 255;

    private Records() {}

    /** An IP literal, or null for empty strings and host names. Never resolves anything. */
    static InetAddress ip(String literal) {
        return literal == null || literal.isEmpty() ? null : NetUtil.createInetAddressFromIpAddressString(literal);
    }

    /** A or AAAA, depending on the address family. */
    static Record address(Name name, long ttl, InetAddress ip) {
        return ip instanceof Inet4Address
                ? new ARecord(name, DClass.IN, ttl, ip)
                : new AAAARecord(name, DClass.IN, ttl, ip);
    }

    /** The record type an address answers: {@link Type#A} or {@link Type#AAAA}. */
    static int typeOf(InetAddress ip) {
        return ip instanceof Inet4Address ? Type.A : Type.AAAA;
    }

    static Record cname(Name name, long ttl, Name target) {
        return new CNAMERecord(name, DClass.IN, ttl, target);
    }

    static Record srv(Name name, long ttl, int weight, int port, Name target) {
        return new SRVRecord(name, DClass.IN, ttl, 1, clamp(weight), clamp(port), target);
    }

    static Record ptr(Name name, long ttl, Name target) {
        return new PTRRecord(name, DClass.IN, ttl, target);
    }

    /** {@code <node>.node.<dc>.<zone>}, or null when the node name cannot be a DNS name. */
    static Name nodeName(String node, String dc, Name zone) {
        return NODE_NAME.matcher(node).matches() ? relative(node + ".node." + dc, zone) : null;
    }

    /** {@code <service>.service.<dc>.<zone>}, or null when the service name cannot be a DNS name. */
    static Name serviceName(String service, String dc, Name zone) {
        return NODE_NAME.matcher(service).matches() ? relative(service + ".service." + dc, zone) : null;
    }

    /** {@code <hex-ip>.addr.<dc>.<zone>}: 8 hex digits for IPv4, 32 for IPv6. */
    static Name addrName(InetAddress ip, String dc, Name zone) {
        return relative(HexFormat.of().formatHex(ip.getAddress()) + ".addr." + dc, zone);
    }

    /** A host-name address as an absolute name, or null when it is not a plain host name. */
    static Name hostName(String host) {
        if (host == null || !HOST_NAME.matcher(host).matches()) {
            return null;
        }
        try {
            return Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            return null;
        }
    }

    /** One TXT record per meta pair, sorted by key, in RFC 1464 form ({@code rfc1035-} keys: value only). */
    static List<Record> metaTxt(Name name, long ttl, Map<String, String> meta) {
        List<Record> out = new ArrayList<>(meta.size());
        new TreeMap<>(meta).forEach((k, v) -> out.add(txt(name, ttl,
                k.toLowerCase(Locale.ROOT).startsWith("rfc1035-") ? v : rfc1464(k, v))));
        return out;
    }

    /** A TXT record holding UTF-8 text, split into 255-byte character-strings as RFC 1035 requires. */
    static Record txt(Name name, long ttl, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream rdata = new ByteArrayOutputStream(bytes.length + bytes.length / TXT_CHUNK + 1);
        int at = 0;
        do {
            int len = Math.min(TXT_CHUNK, bytes.length - at);
            rdata.write(len);
            rdata.write(bytes, at, len);
            at += len;
        } while (at < bytes.length);
        return Record.newRecord(name, Type.TXT, DClass.IN, ttl, rdata.toByteArray());
    }

    /**
     * RFC 1464 {@code key=value}: in the key, a backquote becomes two, {@code =} is quoted with a backquote, and
     * leading and trailing spaces are each quoted with a backquote; in the value only backquotes are doubled.
     */
    static String rfc1464(String key, String value) {
        int lead = 0;
        while (lead < key.length() && key.charAt(lead) == ' ') {
            lead++;
        }
        int trail = 0;
        while (trail < key.length() - lead && key.charAt(key.length() - 1 - trail) == ' ') {
            trail++;
        }
        String middle = key.substring(lead, key.length() - trail).replace("`", "``").replace("=", "`=");
        return "` ".repeat(lead) + middle + "` ".repeat(trail) + "=" + value.replace("`", "``");
    }

    private static Name relative(String prefix, Name zone) {
        try {
            return Name.concatenate(Name.fromString(prefix), zone);
        } catch (TextParseException | NameTooLongException e) {
            return null;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(v, 0xFFFF));
    }
}
