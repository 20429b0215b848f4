// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a UDP check the way Consul does: send a one-byte datagram to {@code host:port} on a connected socket and
 * read one byte back. A reply, or silence until the timeout, is passing ({@code "UDP connect host:port:
 * Success"}); a read error, typically the ICMP port-unreachable the kernel turns into "connection refused", is
 * critical with Go's error text.
 *
 * <p>Why silence passes: UDP services often do not answer unknown input; only an explicit error proves the port
 * closed. (Consul's read has no deadline of its own and would wait for ever; here the check's timeout bounds
 * it.)
 */
final class UdpCheckRunner implements CheckRunner {

    private final CheckDefinition.Udp def;
    private final Executor blocking;

    UdpCheckRunner(CheckDefinition.Udp def, Executor blocking) {
        this.def = def;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> probe(timeout), blocking);
    }

    private CheckResult probe(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress remote;
        try {
            HostPort hp = HostPort.parse(def.address());
            remote = new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
        } catch (IllegalArgumentException e) {
            return CheckResult.critical("dial udp " + e.getMessage());
        } catch (IOException e) {
            return CheckResult.critical(GoErrors.dial("udp", def.address(), e));
        }
        String success = "UDP connect " + def.address() + ": Success";
        // A connected channel reports the ICMP port-unreachable as an error on read; the socket adaptor does not.
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            channel.connect(remote);
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.register(selector, SelectionKey.OP_READ);
            try {
                long waitMs = TcpCheckRunner.millisLeft(deadline);
                if (selector.select(Math.max(1, waitMs)) > 0) {
                    channel.read(ByteBuffer.allocate(1));
                }
                return CheckResult.passing(success);
            } catch (IOException e) {
                InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
                return CheckResult.critical(GoErrors.read("udp", local, remote, e));
            }
        } catch (IOException e) {
            return CheckResult.critical(GoErrors.dial("udp", GoErrors.hostPort(remote), e));
        }
    }
}
