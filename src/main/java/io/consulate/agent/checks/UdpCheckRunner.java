// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a UDP check the way Consul does: send an (empty) datagram to {@code host:port} on a connected socket and
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
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(remote);
            socket.send(new DatagramPacket(new byte[0], 0));
            socket.setSoTimeout(TcpCheckRunner.millisLeft(deadline));
            try {
                socket.receive(new DatagramPacket(new byte[1], 1));
                return CheckResult.passing(success);
            } catch (SocketTimeoutException e) {
                return CheckResult.passing(success);
            } catch (IOException e) {
                InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
                return CheckResult.critical(GoErrors.read("udp", local, remote, e));
            }
        } catch (IOException e) {
            return CheckResult.critical(GoErrors.dial("udp", GoErrors.hostPort(remote), e));
        }
    }
}
