// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS client side of health checks: which roots are trusted, and how {@code TLSSkipVerify} and
 * {@code TLSServerName} change a connection.
 *
 * <ul>
 *   <li>By default the certificate chain and the host name are verified (against {@code TLSServerName} when set,
 *       else the host being checked), and SNI carries that name.</li>
 *   <li>{@code TLSSkipVerify} accepts any certificate and any name, as Consul's {@code InsecureSkipVerify}
 *       does.</li>
 * </ul>
 *
 * <p>Why one class: HTTP, TCP, gRPC and H2PING checks must apply these rules identically. Immutable and
 * thread-safe.
 */
public final class CheckTls {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final TrustManager[] verifying;
    private final SSLContext verifyingContext;
    private final SSLContext insecureContext;

    private CheckTls(TrustManagerFactory trust) {
        try {
            this.verifying = trust.getTrustManagers();
            this.verifyingContext = SSLContext.getInstance("TLS");
            verifyingContext.init(null, verifying, null);
            this.insecureContext = SSLContext.getInstance("TLS");
            insecureContext.init(null, new TrustManager[] {InsecureTrustManager.INSTANCE}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for health checks", e);
        }
    }

    /** Trusts the JDK's default roots (the {@code cacerts} store). */
    public static CheckTls systemDefault() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return new CheckTls(tmf);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the default trust store", e);
        }
    }

    /** Trusts the roots of this factory (the agent's {@code ca_file}, or a test CA). */
    public static CheckTls trusting(TrustManagerFactory trust) {
        return new CheckTls(Objects.requireNonNull(trust, "trust"));
    }

    /** The trust managers to use: the verifying ones, or one that accepts everything. */
    TrustManager[] trustManagers(boolean skipVerify) {
        return skipVerify ? new TrustManager[] {InsecureTrustManager.INSTANCE} : verifying.clone();
    }

    /**
     * A client engine for {@code host:port}.
     *
     * @param serverName {@code TLSServerName}, or "" to use {@code host}
     * @param alpn       application protocols to offer, may be empty
     */
    SSLEngine engine(String host, int port, boolean skipVerify, String serverName, List<String> alpn) {
        String peer = serverName.isEmpty() ? host : serverName;
        SSLEngine engine = (skipVerify ? insecureContext : verifyingContext).createSSLEngine(peer, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters(engine.getSSLParameters(), peer, skipVerify, alpn));
        return engine;
    }

    /** Layers a client TLS socket over a connected plain socket (closing it closes both). */
    SSLSocket wrap(Socket plain, String host, int port, boolean skipVerify, String serverName) throws IOException {
        String peer = serverName.isEmpty() ? host : serverName;
        SSLContext ctx = skipVerify ? insecureContext : verifyingContext;
        SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(plain, peer, port, true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters(socket.getSSLParameters(), peer, skipVerify, List.of()));
        return socket;
    }

    private static SSLParameters parameters(SSLParameters p, String peer, boolean skipVerify, List<String> alpn) {
        if (!skipVerify) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(peer)) {
            p.setServerNames(List.of(new SNIHostName(peer)));
        }
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(String[]::new));
        }
        return p;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** Accepts every certificate and name: {@code TLSSkipVerify}. */
    private static final class InsecureTrustManager extends X509ExtendedTrustManager {
        static final InsecureTrustManager INSTANCE = new InsecureTrustManager();

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, Socket s) {
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, SSLEngine e) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
