// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UdpCheckRunnerTest {

    private static DatagramSocket responder;
    private static DatagramSocket silent;
    private static CheckRunnerFactory factory;

    @BeforeAll
    static void start() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        responder = new DatagramSocket(any);
        silent = new DatagramSocket(any);
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[512];
            while (!responder.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    responder.receive(p);
                    responder.send(new DatagramPacket(new byte[] {'o', 'k'}, 2, p.getSocketAddress()));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        factory = new CheckRunnerFactory(CheckRunnerSettings.defaults());
    }

    @AfterAll
    static void stop() {
        factory.close();
        responder.close();
        silent.close();
    }

    private static CheckResult run(String address, Duration timeout) throws Exception {
        CheckCommon common = new CheckCommon("u", "u", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);
        return factory.create(new CheckDefinition.Udp(common, address)).run(timeout).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReplyIsPassing() throws Exception {
        String address = "127.0.0.1:" + responder.getLocalPort();

        assertThat(run(address, Duration.ofSeconds(5)))
                .isEqualTo(CheckResult.passing("UDP connect " + address + ": Success"));
    }

    @Test
    void silenceUntilTheTimeoutIsPassing() throws Exception {
        String address = "127.0.0.1:" + silent.getLocalPort();

        assertThat(run(address, Duration.ofMillis(300)))
                .isEqualTo(CheckResult.passing("UDP connect " + address + ": Success"));
    }

    @Test
    void aClosedPortIsCriticalWithGosReadError() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            port = s.getLocalPort();
        }

        CheckResult r = run("127.0.0.1:" + port, Duration.ofSeconds(5));

        assertThat(r.status()).isEqualTo("critical");
        assertThat(r.output()).matches("read udp 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:" + port
                + ": read: connection refused");
    }
}
