// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads DNS queries from the UDP socket and writes each reply back to its sender.
 *
 * <p>Answers from our zone are written on the event loop that read the query and flushed once per read
 * batch; forwarded answers are written when they arrive. Nothing a packet contains can close the socket:
 * errors are logged and the next datagram is read.
 */
@ChannelHandler.Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(UdpHandler.class);

    private final QueryHandler queries;

    UdpHandler(QueryHandler queries) {
        this.queries = queries;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        byte[] query = ByteBufUtil.getBytes(packet.content());
        switch (queries.handle(query, false)) {
            case Outcome.Reply r -> ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(r.wire()), sender));
            case Outcome.Pending p -> p.wire().thenAccept(wire -> {
                if (wire != null && ctx.channel().isActive()) {
                    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(wire), sender));
                }
            });
            case Outcome.Drop d -> { }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("DNS UDP error (socket stays open)", cause);
    }
}
