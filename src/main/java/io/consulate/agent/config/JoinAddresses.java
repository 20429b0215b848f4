package io.consulate.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code start_join}/{@code retry_join} ({@code -join}/{@code -retry-join}) entries as the server RPC
 * addresses of the other servers, {@code host:port}.
 *
 * <p>Consulate forms a cluster from the servers it is told about instead of gossiping: each entry names
 * a server by host (IP or name) and optionally its server port ({@code ports.server}, default this
 * server's own). Consul's cloud auto-join ({@code provider=...}) and address templates are refused.
 */
final class JoinAddresses {
    private static final int MAX_ENTRIES = 64;

    private JoinAddresses() {
    }

    /** Normalised, de-duplicated {@code host:port} entries (IPv6 as {@code [addr]:port}), in given order. */
    static List<String> parse(List<String> raw, int defaultPort) throws ConfigException {
        if (raw.size() > MAX_ENTRIES) {
            throw new ConfigException("retry_join: at most " + MAX_ENTRIES + " servers, got " + raw.size());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String entry : raw) {
            out.add(one(entry.strip(), defaultPort));
        }
        return new ArrayList<>(out);
    }

    /**
     * With {@code bootstrapExpect} above 1, every server ({@code host:port}), this one first, then the
     * {@code joins} that are not this one, which must make up exactly {@code bootstrapExpect}; else empty.
     */
    static List<String> cluster(List<String> joins, int bootstrapExpect, String advertiseAddr, int serverPort)
            throws ConfigException {
        if (bootstrapExpect <= 1) {
            return List.of();
        }
        String self = (advertiseAddr.contains(":") ? "[" + advertiseAddr + "]" : advertiseAddr) + ":" + serverPort;
        List<String> servers = new ArrayList<>(List.of(self));
        joins.stream().filter(a -> !a.equals(self)).forEach(servers::add);
        if (servers.size() != bootstrapExpect) {
            throw new ConfigException("bootstrap_expect = " + bootstrapExpect + " needs the other "
                    + (bootstrapExpect - 1) + " servers' addresses in retry_join or start_join (-retry-join, -join);"
                    + " found " + (servers.size() - 1) + ". Consulate forms the cluster from the listed servers");
        }
        return List.copyOf(servers);
    }

    private static String one(String entry, int defaultPort) throws ConfigException {
        if (entry.contains("provider=") || entry.contains("{{")) {
            throw new ConfigException("retry_join: " + ConfigNormalizer.describe(entry)
                    + ": cloud auto-join and address templates are not supported; list the servers' addresses");
        }
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                throw invalid(entry);
            }
            host = entry.substring(1, close);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (!validHost(host)) {
            throw invalid(entry);
        }
        int p = port == null ? defaultPort : parsePort(entry, port);
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + p;
    }

    private static boolean validHost(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        if (host.contains(":")) {
            return NetAddrs.parseIp(host) != null;
        }
        return host.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-');
    }

    private static int parsePort(String entry, String port) throws ConfigException {
        int p = NetAddrs.port(port);
        if (p < 0) {
            throw new ConfigException("retry_join: invalid port in " + ConfigNormalizer.describe(entry));
        }
        return p;
    }

    private static ConfigException invalid(String entry) {
        return new ConfigException("retry_join: " + ConfigNormalizer.describe(entry)
                + " is not a host, host:port or [ipv6]:port");
    }
}
