// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers DNS queries on one TCP connection; the pipeline before it strips and adds the two-byte length
 * prefix (RFC 1035 §4.2.2), so each message here is one query.
 *
 * <p>A connection may carry many queries (RFC 7766); forwarded answers may come back out of order, which
 * the IDs allow. A packet too broken to answer, an idle connection, or one connection too many is closed
 * rather than left hanging.
 */
final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(TcpHandler.class);

    private final QueryHandler queries;
    private final AtomicInteger connections;
    private final int maxConnections;

    TcpHandler(QueryHandler queries, AtomicInteger connections, int maxConnections) {
        this.queries = queries;
        this.connections = connections;
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (connections.incrementAndGet() > maxConnections) {
            LOG.debug("DNS TCP connection limit {} reached; closing {}", maxConnections, ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connections.decrementAndGet();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] query = ByteBufUtil.getBytes(frame);
        switch (queries.handle(query, true)) {
            case Outcome.Reply r -> ctx.writeAndFlush(Unpooled.wrappedBuffer(r.wire()));
            case Outcome.Pending p -> p.wire().thenAccept(wire -> {
                if (wire != null && ctx.channel().isActive()) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(wire));
                }
            });
            case Outcome.Drop d -> ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("DNS TCP error; closing {}", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
