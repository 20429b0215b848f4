// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocket;

/**
 * Runs a TCP check: a connect to {@code host:port} within the timeout is passing
 * ({@code "TCP connect host:port: Success"}); with {@code TCPUseTLS} the TLS handshake must succeed too
 * ({@code "TCP+TLS connect host:port: Success"}). A failure is critical with Go's error text, as in Consul.
 *
 * <p>Why blocking sockets: on a virtual thread a blocking connect costs no platform thread, and it keeps this
 * runner a dozen lines.
 */
final class TcpCheckRunner implements CheckRunner {

    private final CheckDefinition.Tcp def;
    private final Executor blocking;
    private final CheckTls tls;

    TcpCheckRunner(CheckDefinition.Tcp def, Executor blocking, CheckTls tls) {
        this.def = def;
        this.blocking = blocking;
        this.tls = tls;
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> probe(timeout), blocking);
    }

    private CheckResult probe(Duration timeout) {
        HostPort hp;
        try {
            hp = HostPort.parse(def.address());
        } catch (IllegalArgumentException e) {
            return CheckResult.critical("dial tcp " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        } catch (IOException e) {
            return CheckResult.critical(GoErrors.dial("tcp", def.address(), e));
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, millisLeft(deadline));
            if (def.useTls()) {
                socket.setSoTimeout(millisLeft(deadline));
                try (SSLSocket ssl = tls.wrap(socket, hp.host(), hp.port(), def.tlsSkipVerify(),
                        def.tlsServerName())) {
                    ssl.startHandshake();
                } catch (IOException e) {
                    return CheckResult.critical(GoErrors.reason(e, "read"));
                }
                return CheckResult.passing("TCP+TLS connect " + def.address() + ": Success");
            }
            return CheckResult.passing("TCP connect " + def.address() + ": Success");
        } catch (IOException e) {
            return CheckResult.critical(GoErrors.dial("tcp", GoErrors.hostPort(address), e));
        }
    }

    static int millisLeft(long deadlineNanos) {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
