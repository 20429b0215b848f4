// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

/**
 * A {@code host:port} address as Go's {@code net.SplitHostPort} reads it ({@code [::1]:80} for IPv6).
 *
 * <p>Why: TCP, UDP, gRPC and H2PING checks all take such a string and must reject the same malformed ones with
 * the same text Go gives.
 *
 * @param host the host name or IP literal, without brackets
 * @param port the port number
 */
record HostPort(String host, int port) {

    /**
     * Splits {@code address}.
     *
     * @throws IllegalArgumentException with Go's text (for example {@code "address foo: missing port in address"})
     */
    static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + ": missing port in address");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("address " + address + ": too many colons in address");
        }
        String portText = address.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lookup port " + portText + ": unknown port", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address " + address + ": invalid port");
        }
        return new HostPort(host, port);
    }
}
