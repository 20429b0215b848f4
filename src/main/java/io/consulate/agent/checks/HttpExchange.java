// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * One HTTP/1.1 request and response over a fresh Netty connection (Consul disables keep-alive for checks),
 * reading the body into a bounded {@link OutputBuffer}.
 *
 * <p>Why by hand on Netty rather than {@code java.net.http}: checks need what the JDK client forbids or hides:
 * a {@code Host} header override, per-check TLS server names, a redirect policy decided per hop, and a body that is
 * read to the end without being buffered.
 *
 * <p>Deadline semantics follow Go's {@code http.Client.Timeout}: if the deadline passes before the response
 * headers, the exchange fails; if it passes while the body is still arriving, the exchange completes with the
 * status and the output read so far.
 */
final class HttpExchange {

    /** A received response: status code, Go-style status text ("200 OK"), Location header, captured body. */
    record Answer(int code, String status, String location, String body) {
    }

    /** The exchange failed before a response arrived; the message is Go's error text without the URL prefix. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private HttpExchange() {
    }

    /**
     * Connects to {@code address}, sends {@code request} and reads the answer.
     *
     * @param engine        a TLS client engine for https, or null
     * @param deadlineNanos {@link System#nanoTime()} by which the exchange must end
     * @param maxBody       how many trailing body bytes to keep
     */
    static CompletableFuture<Answer> send(EventLoopGroup group, InetSocketAddress address, String dialAddress,
                                          Supplier<FullHttpRequest> request, SSLEngine engine,
                                          long deadlineNanos, int maxBody) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        ResponseHandler handler = new ResponseHandler(result, maxBody);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, remainingMs))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (engine != null) {
                            SslHandler ssl = new SslHandler(engine);
                            ssl.setHandshakeTimeoutMillis(remainingMs);
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), handler);
                    }
                });
        bootstrap.connect(address).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new Failure(GoErrors.dial("tcp", dialAddress, f.cause())));
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            long left = deadlineNanos - System.nanoTime();
            ch.eventLoop().schedule(handler::deadline, Math.max(0, left), TimeUnit.NANOSECONDS);
            result.whenComplete((a, e) -> ch.close());
            ch.writeAndFlush(request.get());
        });
        return result;
    }

    /** Collects one response; every completion path goes through {@link #finish} or {@link #fail}. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final CompletableFuture<Answer> result;
        private final OutputBuffer body;
        private HttpResponse response;

        ResponseHandler(CompletableFuture<Answer> result, int maxBody) {
            this.result = result;
            this.body = new OutputBuffer(maxBody);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (result.isDone()) {
                return;
            }
            if (msg instanceof HttpResponse r) {
                if (r.status().code() / 100 == 1) {
                    return; // informational (100 Continue): the real response follows
                }
                response = r;
            }
            if (msg instanceof HttpContent c && response != null) {
                ByteBuf content = c.content();
                byte[] chunk = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), chunk);
                body.write(chunk, 0, chunk.length);
                if (c instanceof LastHttpContent) {
                    finish();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (response != null) {
                finish(); // a close-delimited body ends here
            } else {
                fail("EOF");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (response != null) {
                finish(); // Go logs a body read error and still reports the status
            } else {
                Throwable root = GoErrors.root(cause);
                fail(root instanceof javax.net.ssl.SSLException ? GoErrors.tls(root) : GoErrors.reason(root, "read"));
            }
            ctx.close();
        }

        /** Runs on the event loop when the deadline passes. */
        void deadline() {
            if (response != null) {
                finish();
            } else {
                fail("context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
            }
        }

        private void finish() {
            String reason = response.status().reasonPhrase();
            int code = response.status().code();
            String status = reason == null || reason.isEmpty() ? String.valueOf(code) : code + " " + reason;
            result.complete(new Answer(code, status, response.headers().get(HttpHeaderNames.LOCATION), body.text()));
        }

        private void fail(String message) {
            result.completeExceptionally(new Failure(message));
        }
    }
}
