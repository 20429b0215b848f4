package io.consulate.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps concurrent connections per client IP (Consul's {@code limits.http_max_conns_per_client}); a
 * connection over the cap is closed at once, so one noisy client cannot take every socket.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private final int max;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionLimiter(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress ip = ip(ctx);
        int n = open.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
        if (max > 0 && n > max) {
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress ip = ip(ctx);
        open.computeIfPresent(ip, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        ctx.fireChannelInactive();
    }

    private static InetAddress ip(ChannelHandlerContext ctx) {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }
}
