// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpCheckRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static ServerSocket plain;
    private static SSLServerSocket tls;
    private static CheckRunnerFactory factory;

    @BeforeAll
    static void start() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        plain = new ServerSocket(0, 50, lo);
        acceptForever(plain);
        tls = (SSLServerSocket) TestCerts.get().serverContext().getServerSocketFactory().createServerSocket(0, 50, lo);
        acceptForever(tls);
        factory = new CheckRunnerFactory(TestCerts.get().settings());
    }

    @AfterAll
    static void stop() throws IOException {
        factory.close();
        plain.close();
        tls.close();
    }

    private static void acceptForever(ServerSocket server) {
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    if (s instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                } catch (IOException e) {
                    // a failed handshake or the server closing: keep serving / stop
                }
            }
        });
    }

    private static CheckDefinition.Tcp tcp(String address, boolean useTls, boolean skipVerify, String name) {
        CheckCommon common = new CheckCommon("t", "t", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);
        return new CheckDefinition.Tcp(common, address, useTls, skipVerify, name);
    }

    private static CheckResult run(CheckDefinition def) throws Exception {
        return factory.create(def).run(TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSuccessfulConnectIsPassing() throws Exception {
        String address = "127.0.0.1:" + plain.getLocalPort();

        assertThat(run(tcp(address, false, false, "")))
                .isEqualTo(CheckResult.passing("TCP connect " + address + ": Success"));
    }

    @Test
    void aRefusedConnectIsCriticalWithGosText() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        assertThat(run(tcp("127.0.0.1:" + port, false, false, ""))).isEqualTo(
                CheckResult.critical("dial tcp 127.0.0.1:" + port + ": connect: connection refused"));
    }

    @Test
    void anAddressWithoutPortIsCritical() throws Exception {
        assertThat(run(tcp("127.0.0.1", false, false, "")))
                .isEqualTo(CheckResult.critical("dial tcp address 127.0.0.1: missing port in address"));
    }

    @Test
    void anUnknownHostIsCritical() throws Exception {
        assertThat(run(tcp("no-such-host.invalid:80", false, false, "")))
                .isEqualTo(CheckResult.critical("dial tcp: lookup no-such-host.invalid: no such host"));
    }

    @Test
    void withTlsTheHandshakeMustSucceedToo() throws Exception {
        String address = "127.0.0.1:" + tls.getLocalPort();

        assertThat(run(tcp(address, true, false, TestCerts.NAME)))
                .isEqualTo(CheckResult.passing("TCP+TLS connect " + address + ": Success"));
        assertThat(run(tcp(address, true, true, "")))
                .isEqualTo(CheckResult.passing("TCP+TLS connect " + address + ": Success"));
        CheckResult wrongName = run(tcp(address, true, false, ""));
        assertThat(wrongName.status()).isEqualTo("critical");
        assertThat(wrongName.output()).startsWith("tls: ");
    }

    @Test
    void tlsAgainstAPlainListenerIsCritical() throws Exception {
        CheckResult r = run(tcp("127.0.0.1:" + plain.getLocalPort(), true, true, ""));

        assertThat(r.status()).isEqualTo("critical");
    }
}
