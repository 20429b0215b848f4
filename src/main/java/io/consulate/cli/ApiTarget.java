// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Which agent to call and how: base URI, ACL token, datacenter, whether stale reads are allowed, and HTTP
 * basic credentials. Built from the shared HTTP flags and the same environment variables Consul's CLI reads,
 * so that {@code CONSUL_HTTP_ADDR=...} in a script keeps working.
 *
 * @param base        {@code http(s)://host:port}, no trailing slash
 * @param token       sent as {@code X-Consul-Token}; empty for none
 * @param datacenter  sent as {@code ?dc=}; empty for the agent's own
 * @param stale       reads send {@code ?stale}
 * @param basicAuth   a ready {@code Authorization} header value, or empty
 */
record ApiTarget(URI base, String token, String datacenter, boolean stale, String basicAuth) {
    static final String DEFAULT_ADDRESS = "127.0.0.1:8500";

    /**
     * Combines flags and environment. Precedence: {@code -http-addr} over {@code CONSUL_HTTP_ADDR}; for the
     * token, {@code -token}, then {@code -token-file}, then {@code CONSUL_HTTP_TOKEN_FILE}, then
     * {@code CONSUL_HTTP_TOKEN}.
     *
     * @param server the server flags, or null for commands without them (such as {@code members})
     */
    static ApiTarget resolve(HttpFlags.Client client, HttpFlags.Server server, Terminal terminal)
            throws ApiException {
        String address = nonEmpty(client.httpAddr) ? client.httpAddr : terminal.getenv("CONSUL_HTTP_ADDR");
        boolean ssl = "true".equals(goBool(terminal.getenv("CONSUL_HTTP_SSL")));
        URI base = baseUri(address.isEmpty() ? DEFAULT_ADDRESS : address, ssl);
        String token = token(client, terminal);
        String auth = terminal.getenv("CONSUL_HTTP_AUTH");
        String basic = auth.isEmpty() ? "" : "Basic " + Base64.getEncoder().encodeToString(
                (auth.contains(":") ? auth : auth + ":").getBytes(StandardCharsets.UTF_8));
        return new ApiTarget(base, token, server == null || server.datacenter == null ? "" : server.datacenter,
                server != null && server.stale, basic);
    }

    /**
     * Parses an agent address the way Consul's Go client does: an optional {@code http://} or {@code https://}
     * scheme (anything else is an error), then host and port; {@code ssl} makes the default scheme https.
     */
    static URI baseUri(String address, boolean ssl) throws ApiException {
        String scheme = ssl ? "https" : "http";
        String rest = address.trim();
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            String given = rest.substring(0, sep);
            switch (given) {
                case "http" -> { } // never downgrade when CONSUL_HTTP_SSL asked for TLS
                case "https" -> scheme = "https";
                case "unix" -> throw new ApiException("Unix domain sockets are not supported: " + address);
                default -> throw new ApiException("Unknown protocol scheme: " + given);
            }
            rest = rest.substring(sep + 3);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            throw new ApiException("Missing address: " + address);
        }
        try {
            URI uri = new URI(scheme + "://" + rest);
            if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw new ApiException("Invalid address: " + address);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ApiException("Invalid address: " + address);
        }
    }

    private static String token(HttpFlags.Client client, Terminal terminal) throws ApiException {
        if (nonEmpty(client.token)) {
            return client.token;
        }
        String file = nonEmpty(client.tokenFile) ? client.tokenFile : terminal.getenv("CONSUL_HTTP_TOKEN_FILE");
        if (!file.isEmpty()) {
            try {
                String fromFile = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (!fromFile.isEmpty()) {
                    return fromFile;
                }
            } catch (IOException | RuntimeException e) {
                throw new ApiException("Error loading token file " + file + " : " + DataSource.describe(file, e));
            }
        }
        return terminal.getenv("CONSUL_HTTP_TOKEN");
    }

    /** Go's {@code strconv.ParseBool}: "true", "false", or "" when the text is neither. */
    static String goBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> "true";
            case "0", "f", "F", "FALSE", "false", "False" -> "false";
            default -> "";
        };
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** {@code host:port} as Go prints it in a dial error. */
    String hostPort() {
        int port = base.getPort() >= 0 ? base.getPort() : base.getScheme().toLowerCase(Locale.ROOT)
                .equals("https") ? 443 : 80;
        return base.getHost() + ":" + port;
    }
}
