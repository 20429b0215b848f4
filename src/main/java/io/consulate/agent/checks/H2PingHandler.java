// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The client half of just enough HTTP/2 (RFC 9113) to send one PING and wait for its ACK: the connection
 * preface, an empty SETTINGS frame, the PING; it acknowledges the server's SETTINGS and PINGs and ignores every
 * other frame.
 *
 * <p>Why by hand: a PING needs four frame types and no streams, HPACK or flow control; a full HTTP/2 codec would be
 * a dependency for twenty lines of framing. The frame format is: 24-bit length, 8-bit type, 8-bit flags, 31-bit
 * stream id, payload.
 */
final class H2PingHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 9;
    private static final int MAX_FRAME = 1 << 24;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int ACK = 0x1;

    private final CompletableFuture<CheckResult> result;
    private final String address;
    private final boolean tls;
    private final byte[] opaque;
    private ByteBuf buffer;
    private boolean connected;
    private boolean sawFrame;

    H2PingHandler(CompletableFuture<CheckResult> result, String address, boolean tls, byte[] opaque) {
        this.result = result;
        this.address = address;
        this.tls = tls;
        this.opaque = opaque.clone();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!tls) {
            connected = true;
        }
        ByteBuf out = ctx.alloc().buffer(PREFACE.length + 2 * HEADER + 8);
        out.writeBytes(PREFACE);
        writeHeader(out, 0, SETTINGS, 0);
        writeHeader(out, 8, PING, 0);
        out.writeBytes(opaque);
        ctx.writeAndFlush(out); // with TLS, the SslHandler holds this until the handshake is done
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
            connected = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (buffer == null) {
                buffer = Unpooled.buffer();
            }
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        while (!result.isDone() && buffer.readableBytes() >= HEADER) {
            int length = buffer.getUnsignedMedium(buffer.readerIndex());
            int type = buffer.getUnsignedByte(buffer.readerIndex() + 3);
            int flags = buffer.getUnsignedByte(buffer.readerIndex() + 4);
            if (!sawFrame && type != SETTINGS || length > MAX_FRAME) {
                fail("HTTP2 ping failed: connection error: PROTOCOL_ERROR (not an HTTP/2 server)");
                ctx.close();
                return;
            }
            sawFrame = true;
            if (buffer.readableBytes() < HEADER + length) {
                return;
            }
            buffer.skipBytes(HEADER);
            byte[] payload = new byte[length];
            buffer.readBytes(payload);
            frame(ctx, type, flags, payload);
        }
        buffer.discardReadBytes();
    }

    private void frame(ChannelHandlerContext ctx, int type, int flags, byte[] payload) {
        if (type == SETTINGS && (flags & ACK) == 0) {
            ByteBuf ack = ctx.alloc().buffer(HEADER);
            writeHeader(ack, 0, SETTINGS, ACK);
            ctx.writeAndFlush(ack);
        } else if (type == PING && (flags & ACK) != 0 && Arrays.equals(payload, opaque)) {
            result.complete(CheckResult.passing("HTTP2 ping was successful"));
            ctx.close();
        } else if (type == PING && (flags & ACK) == 0 && payload.length == 8) {
            ByteBuf pong = ctx.alloc().buffer(HEADER + 8);
            writeHeader(pong, 8, PING, ACK);
            pong.writeBytes(payload);
            ctx.writeAndFlush(pong);
        } else if (type == GOAWAY) {
            long code = payload.length >= 8 ? ((payload[4] & 0xffL) << 24 | (payload[5] & 0xff) << 16
                    | (payload[6] & 0xff) << 8 | (payload[7] & 0xff)) : 0;
            fail("HTTP2 ping failed: http2: server sent GOAWAY and closed the connection; ErrCode=" + code);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(connected ? "HTTP2 ping failed: http2: client connection lost"
                : "Failed to dial to " + address + ": EOF");
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = GoErrors.root(cause);
        String reason = root instanceof javax.net.ssl.SSLException ? GoErrors.tls(root) : GoErrors.reason(root, "read");
        fail(connected ? "HTTP2 ping failed: " + reason : "Failed to dial to " + address + ": " + reason);
        ctx.close();
    }

    /** Called on the event loop when the timeout passes. */
    void deadline() {
        fail(connected ? "HTTP2 ping failed: context deadline exceeded"
                : "Failed to dial to " + address + ": context deadline exceeded");
    }

    private void fail(String message) {
        result.complete(CheckResult.critical(message));
    }

    private void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    private static void writeHeader(ByteBuf out, int length, int type, int flags) {
        out.writeMedium(length);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(0);
    }
}
