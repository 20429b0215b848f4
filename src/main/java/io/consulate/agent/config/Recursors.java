package io.consulate.agent.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recursors} ({@code -recursor}): upstream DNS servers as {@code ip}, {@code ip:port} or
 * {@code [ipv6]:port}.
 */
final class Recursors {
    private Recursors() {
    }

    /** The entries as given, each checked to be an IP literal (not the any-address) with a valid port. */
    static List<String> parse(List<?> raw) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            String r = (String) o;
            String hostPart = r;
            int colon = r.lastIndexOf(':');
            if (r.startsWith("[") && r.contains("]:")) {
                hostPart = r.substring(0, r.indexOf("]:") + 1);
                checkPort(r, r.substring(r.indexOf("]:") + 2));
            } else if (colon > 0 && r.indexOf(':') == colon) {
                hostPart = r.substring(0, colon);
                checkPort(r, r.substring(colon + 1));
            }
            InetAddress a = NetAddrs.parseIp(hostPart);
            if (a == null) {
                throw new ConfigException("recursors: " + ConfigNormalizer.describe(r)
                        + " is not an IP address with an optional port");
            }
            if (NetAddrs.isAny(a)) {
                throw new ConfigException("DNS recursor address cannot be 0.0.0.0, :: or [::]");
            }
            out.add(r);
        }
        return out;
    }

    private static void checkPort(String recursor, String port) throws ConfigException {
        if (NetAddrs.port(port) < 0) {
            throw new ConfigException("recursors: invalid port in " + ConfigNormalizer.describe(recursor));
        }
    }
}
