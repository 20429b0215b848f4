// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gRPC checks against real gRPC servers running grpc-services' health service, plain and TLS. */
class GrpcCheckRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HealthStatusManager HEALTH = new HealthStatusManager();
    private static Server plain;
    private static Server tls;
    private static CheckRunnerFactory factory;

    @BeforeAll
    static void start() throws Exception {
        HEALTH.setStatus("", ServingStatus.SERVING);
        HEALTH.setStatus("payments", ServingStatus.SERVING);
        HEALTH.setStatus("billing", ServingStatus.NOT_SERVING);
        plain = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(HEALTH.getHealthService()).build().start();
        tls = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
                        .keyManager(TestCerts.get().keyManagers().getKeyManagers()).build())
                .addService(HEALTH.getHealthService()).build().start();
        factory = new CheckRunnerFactory(TestCerts.get().settings());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        factory.close();
        plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static CheckDefinition.Grpc grpc(String target, boolean useTls, boolean skipVerify, String serverName) {
        CheckCommon common = new CheckCommon("g", "g", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);
        return new CheckDefinition.Grpc(common, target, useTls, skipVerify, serverName);
    }

    private static CheckResult run(CheckDefinition def) throws Exception {
        return factory.create(def).run(TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    private static String plainTarget() {
        return "127.0.0.1:" + plain.getPort();
    }

    @Test
    void aServingServerIsPassing() throws Exception {
        String target = plainTarget();

        assertThat(run(grpc(target, false, false, "")))
                .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
    }

    @Test
    void theServicePartOfTheTargetIsTheServiceAskedAbout() throws Exception {
        String target = plainTarget() + "/payments";

        assertThat(run(grpc(target, false, false, "")))
                .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
    }

    @Test
    void aNotServingServiceIsCritical() throws Exception {
        String target = plainTarget() + "/billing";

        assertThat(run(grpc(target, false, false, "")))
                .isEqualTo(CheckResult.critical("gRPC " + target + " serving status: NOT_SERVING"));
    }

    @Test
    void anUnknownServiceIsCriticalWithTheRpcError() throws Exception {
        CheckResult result = run(grpc(plainTarget() + "/nope", false, false, ""));

        assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        assertThat(result.output()).startsWith("rpc error: code = NotFound desc = ");
    }

    @Test
    void aStatusChangeIsSeenByTheNextRun() throws Exception {
        String target = plainTarget() + "/flappy";
        HEALTH.setStatus("flappy", ServingStatus.NOT_SERVING);
        assertThat(run(grpc(target, false, false, "")).status()).isEqualTo(CheckResult.CRITICAL);

        HEALTH.setStatus("flappy", ServingStatus.SERVING);
        assertThat(run(grpc(target, false, false, "")).status()).isEqualTo(CheckResult.PASSING);
    }

    @Test
    void nothingListeningIsCriticalUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }

        CheckResult result = run(grpc("127.0.0.1:" + port, false, false, ""));

        assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        assertThat(result.output()).startsWith("rpc error: code = Unavailable desc = ");
    }

    @Test
    void tlsWithTheServerNameOfATrustedCertificateIsPassing() throws Exception {
        String target = "127.0.0.1:" + tls.getPort() + "/payments";

        assertThat(run(grpc(target, true, false, TestCerts.NAME)))
                .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
    }

    @Test
    void tlsSkipVerifyAcceptsTheSelfSignedCertificate() throws Exception {
        String target = "127.0.0.1:" + tls.getPort();

        assertThat(run(grpc(target, true, true, "")).status()).isEqualTo(CheckResult.PASSING);
    }

    @Test
    void tlsToACertificateForAnotherNameIsCritical() throws Exception {
        CheckResult result = run(grpc("127.0.0.1:" + tls.getPort(), true, false, ""));

        assertThat(result.status()).isEqualTo(CheckResult.CRITICAL);
        assertThat(result.output()).startsWith("rpc error: code = Unavailable");
    }

    @Test
    void plaintextAgainstATlsServerIsCritical() throws Exception {
        assertThat(run(grpc("127.0.0.1:" + tls.getPort(), false, false, "")).status())
                .isEqualTo(CheckResult.CRITICAL);
    }
}
