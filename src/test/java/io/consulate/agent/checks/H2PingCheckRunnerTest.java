// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * H2PING checks against real HTTP/2 servers: gRPC's Netty server speaks HTTP/2 (h2 over TLS with ALPN, and
 * prior-knowledge h2c in plaintext) and answers PING frames, so it stands in for any h2 endpoint.
 */
class H2PingCheckRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static Server plain;
    private static Server tls;
    private static CheckRunnerFactory factory;

    @BeforeAll
    static void start() throws Exception {
        HealthStatusManager health = new HealthStatusManager();
        plain = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(health.getHealthService()).build().start();
        tls = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
                        .keyManager(TestCerts.get().keyManagers().getKeyManagers()).build())
                .addService(health.getHealthService()).build().start();
        factory = new CheckRunnerFactory(TestCerts.get().settings());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        factory.close();
        plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static CheckDefinition.H2Ping h2(String address, boolean useTls, boolean skipVerify, String name) {
        CheckCommon common = new CheckCommon("h", "h", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);
        return new CheckDefinition.H2Ping(common, address, useTls, skipVerify, name);
    }

    private static CheckResult run(CheckDefinition def) throws Exception {
        return factory.create(def).run(TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPlaintextPingIsAnsweredAndPassing() throws Exception {
        assertThat(run(h2("127.0.0.1:" + plain.getPort(), false, false, "")))
                .isEqualTo(CheckResult.passing("HTTP2 ping was successful"));
    }

    @Test
    void aTlsPingToATrustedCertificateIsPassing() throws Exception {
        assertThat(run(h2("127.0.0.1:" + tls.getPort(), true, false, TestCerts.NAME)))
                .isEqualTo(CheckResult.passing("HTTP2 ping was successful"));
    }

    @Test
    void tlsSkipVerifyAcceptsTheSelfSignedCertificate() throws Exception {
        assertThat(run(h2("127.0.0.1:" + tls.getPort(), true, true, "")).status())
                .isEqualTo(CheckResult.PASSING);
    }

    @Test
    void aCertificateForAnotherNameIsCritical() throws Exception {
        CheckResult result = run(h2("127.0.0.1:" + tls.getPort(), true, false, ""));

        assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        assertThat(result.output()).startsWith("Failed to dial to 127.0.0.1:" + tls.getPort());
    }

    @Test
    void tlsAgainstAPlaintextServerIsCritical() throws Exception {
        assertThat(run(h2("127.0.0.1:" + plain.getPort(), true, true, "")).status())
                .isEqualTo(CheckResult.CRITICAL);
    }

    @Test
    void nothingListeningIsCriticalFailedToDial() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        CheckResult result = run(h2("127.0.0.1:" + port, false, false, ""));

        assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        assertThat(result.output()).startsWith("Failed to dial to 127.0.0.1:" + port + ": dial tcp 127.0.0.1:"
                + port + ": connect: connection refused");
    }

    @Test
    void aServerThatNeverSpeaksHttp2TimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CheckResult result = factory.create(h2("127.0.0.1:" + silent.getLocalPort(), false, false, ""))
                    .run(Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        }
    }
}
