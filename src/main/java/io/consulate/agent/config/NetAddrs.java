// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP-address helpers for configuration: parsing literals without ever touching DNS, and the facts about this
 * host that defaults depend on (its name, its private IPv4 and public IPv6 addresses).
 *
 * <p>Why the {@link Host} seam: the node name defaults to the hostname and the advertise address of an agent bound
 * to {@code 0.0.0.0} is the host's single private IPv4 address, as in Consul. Tests substitute a fixed host so
 * that they are deterministic on any machine.
 */
final class NetAddrs {

    /** The host facts configuration defaults depend on. */
    interface Host {
        /** This machine's name, used when {@code node_name} is not set. */
        String hostname();

        /** The private IPv4 addresses of up, non-loopback interfaces. */
        List<InetAddress> privateIpv4();

        /** The public (global unicast, non-ULA) IPv6 addresses of up, non-loopback interfaces. */
        List<InetAddress> publicIpv6();
    }

    /** The real machine. */
    static final Host SYSTEM = new Host() {
        @Override
        public String hostname() {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                return name == null || name.isBlank() ? "consulate" : name;
            } catch (UnknownHostException | SecurityException e) {
                return "consulate";
            }
        }

        @Override
        public List<InetAddress> privateIpv4() {
            return interfaceAddresses(true);
        }

        @Override
        public List<InetAddress> publicIpv6() {
            return interfaceAddresses(false);
        }
    };

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private NetAddrs() {
    }

    /** A port number written in an address ({@code host:PORT}), or -1 unless it is 1 to 65535. */
    static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Parses an IPv4 or IPv6 literal ({@code [::1]} brackets allowed) without any name lookup.
     *
     * @return the address, or null when {@code s} is not an IP literal
     */
    static InetAddress parseIp(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        Matcher m = IPV4.matcher(s);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                b[i] = (byte) octet;
            }
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String inner = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (inner.indexOf(':') < 0 || !inner.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null; // zone ids and anything else that is not a plain literal are refused
        }
        try {
            // Bracketed, the JDK parses it strictly as an IPv6 literal and never falls back to DNS.
            return InetAddress.getByName("[" + inner + "]");
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the address is the unspecified "any" address ({@code 0.0.0.0} or {@code ::}). */
    static boolean isAny(InetAddress a) {
        return a != null && a.isAnyLocalAddress();
    }

    private static List<InetAddress> interfaceAddresses(boolean privateV4) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (privateV4 ? isPrivateV4(a) : isPublicV6(a)) {
                        if (!out.contains(a)) {
                            out.add(a);
                        }
                    }
                }
            }
        } catch (SocketException | NullPointerException e) {
            return List.of();
        }
        return out;
    }

    private static boolean isPrivateV4(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        byte[] b = a.getAddress();
        boolean sharedSpace = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        return a.isSiteLocalAddress() || sharedSpace;
    }

    private static boolean isPublicV6(InetAddress a) {
        if (!(a instanceof Inet6Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()
                || a.isSiteLocalAddress() || a.isMulticastAddress() || a.isAnyLocalAddress()) {
            return false;
        }
        return (a.getAddress()[0] & 0xfe) != 0xfc; // fc00::/7 unique local addresses are private
    }
}
