// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.consulate.state.catalog.CatalogStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The DNS interface: UDP and TCP listeners on one port (Consul's {@code ports.dns}, default 8600) answering
 * from the catalog in memory.
 *
 * <p>Why this shape: DNS clients expect UDP and TCP on the same port (a truncated UDP answer is retried over
 * TCP there), so both are bound together, and with port 0 (tests) both get the same free port. Netty NIO
 * event loops read and answer; answers for our zone never block, and only forwarded questions wait, off the
 * loops. Where the OS has {@code SO_REUSEPORT} (Linux), each event loop gets its own UDP socket on the port
 * and the kernel spreads clients over them, so UDP answers use every core instead of one loop's thread; the
 * TCP bind (without that option) still makes a port held by another server an error. TCP connections idle
 * for {@value #TCP_IDLE_SECONDS}s are closed and at most
 * {@value #MAX_TCP_CONNECTIONS} are open at once. Wired by the agent's composition root; nothing else in the
 * agent depends on it.
 */
public final class DnsServer implements AutoCloseable {
    static final int TCP_IDLE_SECONDS = 10;
    static final int MAX_TCP_CONNECTIONS = 1024;
    private static final int BIND_ATTEMPTS = 10;
    /** Whether several UDP sockets can share one port, so that every event loop reads queries. */
    private static final boolean REUSE_PORT = reusePortSupported();

    private final EventLoopGroup group;
    private final List<Channel> udp;
    private final Channel tcp;

    private DnsServer(EventLoopGroup group, List<Channel> udp, Channel tcp) {
        this.group = group;
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Binds UDP and TCP on {@code cfg.bindAddress():cfg.port()} and starts answering.
     *
     * @throws IllegalArgumentException when DNS is disabled ({@code port == -1}) or the address is not an IP
     * @throws IllegalStateException    when the port cannot be bound (for example, already in use)
     * @throws InterruptedException     when interrupted while binding
     */
    public static DnsServer start(DnsConfig cfg, CatalogStore catalog) throws InterruptedException {
        return start(cfg, catalog, Clock.systemUTC(), ThreadLocalRandom::current);
    }

    /** As {@link #start(DnsConfig, CatalogStore)}, with the SOA clock and the shuffle's randomness given. */
    static DnsServer start(DnsConfig cfg, CatalogStore catalog, Clock clock, Supplier<RandomGenerator> random)
            throws InterruptedException {
        if (cfg.port() < 0) {
            throw new IllegalArgumentException("DNS is disabled (ports.dns = -1)");
        }
        InetAddress host = NetUtil.createInetAddressFromIpAddressString(cfg.bindAddress());
        if (host == null) {
            throw new IllegalArgumentException("addresses.dns must be an IP address: " + cfg.bindAddress());
        }
        QueryHandler queries = new QueryHandler(cfg, catalog, clock, random);
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops,
                new DefaultThreadFactory("consulate-dns", true), NioIoHandler.newFactory());
        int sockets = REUSE_PORT ? loops : 1;
        try {
            for (int attempt = 1; ; attempt++) {
                List<Channel> udp = new ArrayList<>();
                Channel tcp = null;
                try {
                    udp.add(bindUdp(group, queries, new InetSocketAddress(host, cfg.port())));
                    int port = ((InetSocketAddress) udp.get(0).localAddress()).getPort();
                    // The group hands out loops in turn: binding every UDP socket first gives each loop its own.
                    while (udp.size() < sockets) {
                        udp.add(bindUdp(group, queries, new InetSocketAddress(host, port)));
                    }
                    tcp = bindTcp(group, queries, new InetSocketAddress(host, port));
                    return new DnsServer(group, List.copyOf(udp), tcp);
                } catch (RuntimeException e) {
                    udp.forEach(c -> c.close().syncUninterruptibly());
                    if (tcp != null) {
                        tcp.close().syncUninterruptibly();
                    }
                    if (cfg.port() != 0 || attempt == BIND_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bindUdp(EventLoopGroup group, QueryHandler queries, InetSocketAddress at)
            throws InterruptedException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(ResponseWriter.EDNS_PAYLOAD))
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .handler(new UdpHandler(queries));
        if (REUSE_PORT) {
            b.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
        return bound(b.bind(at), at);
    }

    private static Channel bindTcp(EventLoopGroup group, QueryHandler queries, InetSocketAddress at)
            throws InterruptedException {
        AtomicInteger connections = new AtomicInteger();
        return bound(new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline()
                                .addLast(new IdleStateHandler(0, 0, TCP_IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new LengthFieldBasedFrameDecoder(ResponseWriter.MAX_TCP, 0, 2, 0, 2))
                                .addLast(new LengthFieldPrepender(2))
                                .addLast(new TcpHandler(queries, connections, MAX_TCP_CONNECTIONS));
                    }
                })
                .bind(at), at);
    }

    private static Channel bound(ChannelFuture f, InetSocketAddress at) throws InterruptedException {
        f.await();
        if (!f.isSuccess()) {
            throw new IllegalStateException("cannot bind DNS to " + at + ": " + f.cause().getMessage(), f.cause());
        }
        return f.channel();
    }

    /** The bound UDP port. */
    public int udpPort() {
        return ((InetSocketAddress) udp.get(0).localAddress()).getPort();
    }

    /** How many UDP sockets share the port (one per event loop where SO_REUSEPORT exists, else one). */
    /** Distinct event loops reading the UDP sockets (for tests: each socket should have its own). */
    long udpEventLoops() {
        return udp.stream().map(Channel::eventLoop).distinct().count();
    }

    int udpSockets() {
        return udp.size();
    }

    private static boolean reusePortSupported() {
        try (DatagramChannel c = DatagramChannel.open()) {
            return c.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The bound TCP port (the same as {@link #udpPort()}). */
    public int tcpPort() {
        return ((InetSocketAddress) tcp.localAddress()).getPort();
    }

    /** Stops listening and releases the event loops; forwarded questions still in flight are dropped. */
    @Override
    public void close() {
        udp.forEach(c -> c.close().syncUninterruptibly());
        tcp.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
