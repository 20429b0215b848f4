// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Renders Java network exceptions in the words of Go's {@code net} errors ({@code "dial tcp 127.0.0.1:1: connect:
 * connection refused"}), because that text is what Consul puts in a failing check's {@code Output}, and operators'
 * alerts and runbooks grep for it.
 */
final class GoErrors {

    private GoErrors() {
    }

    /** {@code "dial <network> <address>: <reason>"}, or Go's lookup text for an unknown host. */
    static String dial(String network, String address, Throwable e) {
        Throwable cause = root(e);
        if (cause instanceof UnknownHostException) {
            return "dial " + network + ": lookup " + hostOf(address) + ": no such host";
        }
        return "dial " + network + " " + address + ": " + reason(cause, "connect");
    }

    /** {@code "read <network> <local>-><remote>: read: <reason>"}, Go's text for a failed socket read. */
    static String read(String network, InetSocketAddress local, InetSocketAddress remote, Throwable e) {
        return "read " + network + " " + hostPort(local) + "->" + hostPort(remote) + ": "
                + reason(root(e), "read");
    }

    /** The Go-style reason for a failed system call such as {@code "connect: connection refused"}. */
    static String reason(Throwable e, String syscall) {
        Throwable cause = root(e);
        String msg = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (cause instanceof SSLException) {
            return tls(cause);
        }
        if (cause instanceof SocketTimeoutException || isTimeout(cause)) {
            return "i/o timeout";
        }
        if (cause instanceof PortUnreachableException || msg.contains("refused")) {
            return syscall + ": connection refused";
        }
        if (cause instanceof NoRouteToHostException || msg.contains("no route")) {
            return syscall + ": no route to host";
        }
        if (msg.contains("unreachable")) {
            return syscall + ": network is unreachable";
        }
        if (msg.contains("reset")) {
            return syscall + ": connection reset by peer";
        }
        if (cause instanceof ConnectException) {
            return syscall + ": " + msg;
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** A TLS failure as {@code "tls: <what went wrong>"}. */
    static String tls(Throwable e) {
        Throwable cause = root(e);
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "tls: " + msg;
    }

    /** Go's {@code host:port} form of an address, with IPv6 hosts in brackets. */
    static String hostPort(InetSocketAddress a) {
        if (a == null) {
            return "";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * The cause that carries the real reason behind Netty's and the JDK's wrappers: the first TLS exception in the
     * chain (its message is the useful one), else the innermost cause.
     */
    static Throwable root(Throwable e) {
        Throwable t = e;
        while (!(t instanceof SSLException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isTimeout(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.equals("ConnectTimeoutException") || name.equals("TimeoutException")
                || name.equals("SslHandshakeTimeoutException");
    }

    private static String hostOf(String address) {
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
