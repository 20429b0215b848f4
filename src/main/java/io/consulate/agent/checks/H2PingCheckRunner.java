// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs an H2PING check: opens an HTTP/2 connection to {@code host:port} (TLS with ALPN {@code h2} by default,
 * or cleartext prior-knowledge h2c when {@code H2PingUseTLS} is false) and sends a PING frame. An ACK within the
 * timeout is passing ({@code "HTTP2 ping was successful"}); otherwise critical with Consul's texts
 * ({@code "Failed to dial to <addr>: ..."}, {@code "HTTP2 ping failed: ..."}).
 *
 * <p>Non-blocking on the shared Netty event loop; only the name lookup runs on a virtual thread.
 */
final class H2PingCheckRunner implements CheckRunner {

    private final CheckDefinition.H2Ping def;
    private final EventLoopGroup group;
    private final Executor blocking;
    private final CheckTls tls;

    H2PingCheckRunner(CheckDefinition.H2Ping def, EventLoopGroup group, Executor blocking, CheckTls tls) {
        this.def = def;
        this.group = group;
        this.blocking = blocking;
        this.tls = tls;
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        String address = def.address();
        HostPort hp;
        try {
            hp = HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    CheckResult.critical("Failed to dial to " + address + ": dial tcp " + e.getMessage()));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(hp.host()), hp.port());
            } catch (IOException e) {
                return null;
            }
        }, blocking).thenCompose(resolved -> resolved == null
                ? CompletableFuture.completedFuture(CheckResult.critical("Failed to dial to " + address + ": "
                        + GoErrors.dial("tcp", address, new java.net.UnknownHostException(hp.host()))))
                : ping(hp, resolved, deadline));
    }

    private CompletableFuture<CheckResult> ping(HostPort hp, InetSocketAddress resolved, long deadline) {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        byte[] opaque = new byte[8];
        ThreadLocalRandom.current().nextBytes(opaque);
        H2PingHandler handler = new H2PingHandler(result, def.address(), def.useTls(), opaque);
        int millis = TcpCheckRunner.millisLeft(deadline);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (def.useTls()) {
                            SslHandler ssl = new SslHandler(tls.engine(hp.host(), hp.port(), def.tlsSkipVerify(),
                                    def.tlsServerName(), List.of("h2")));
                            ssl.setHandshakeTimeoutMillis(millis);
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(handler);
                    }
                });
        bootstrap.connect(resolved).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(CheckResult.critical("Failed to dial to " + def.address() + ": "
                        + GoErrors.dial("tcp", GoErrors.hostPort(resolved), f.cause())));
                return;
            }
            Channel ch = f.channel();
            ch.eventLoop().schedule(handler::deadline, Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> ch.close());
        });
        return result;
    }
}
