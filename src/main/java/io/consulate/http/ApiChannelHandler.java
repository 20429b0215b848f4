package io.consulate.http;

import io.consulate.state.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's request cycle: reads a request, enforces its route's body limit while the body
 * streams in (chunked or not, whatever Content-Length claims), dispatches it, writes the answer.
 *
 * <p>Reading stays on while a request is in flight so that a client closing its end is noticed at once
 * and its parked blocking query is cancelled; requests pipelined meanwhile wait in a small bounded queue.
 * All state is touched only on the channel's event loop.
 */
final class ApiChannelHandler extends ChannelInboundHandlerAdapter {
    private final Dispatcher dispatcher;
    private final HttpLimits limits;
    private final ArrayDeque<HttpObject> pipelined = new ArrayDeque<>();

    private HttpRequest request;
    private Routes.Match match;
    private RuntimeException pending;
    private CompositeByteBuf body;
    private ScheduledFuture<?> bodyTimer;
    private CompletableFuture<ApiResponse> inFlight;
    private CompletableFuture<Void> inFlightGone;
    private boolean discarding;
    /** How long a connection refused mid-body keeps draining before it is closed. */
    private static final long LINGER_MS = 2_000;

    ApiChannelHandler(Dispatcher dispatcher, HttpLimits limits) {
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject obj)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (inFlight != null) {
            if (pipelined.size() >= limits.maxPipelined() * 4) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            pipelined.add(obj);
            return;
        }
        read(ctx, obj);
    }

    private void read(ChannelHandlerContext ctx, HttpObject obj) {
        try {
            if (obj instanceof HttpRequest req) {
                onHeaders(ctx, req);
            }
            if (obj instanceof HttpContent content && request != null) {
                onContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(obj);
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, HttpRequest req) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            int status = cause instanceof TooLongHttpHeaderException ? 431
                    : cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongFrameException ? 413 : 400;
            failAndClose(ctx, status, status == 400 ? "Bad request" : HttpResponseStatus.valueOf(status).reasonPhrase());
            return;
        }
        request = req;
        pending = null;
        match = null;
        try {
            match = dispatcher.route(req);
        } catch (HttpError e) {
            pending = e;
        } catch (Routes.MethodNotAllowed e) {
            pending = e;
        }
        long limit = match == null ? 0 : match.route().maxBody();
        long declared = HttpUtil.getContentLength(req, -1L);
        if (match != null && declared > limit) {
            failAndClose(ctx, 413, Dispatcher.tooLarge(limit));
            return;
        }
        if (HttpUtil.is100ContinueExpected(req) && pending == null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ResponseBytes.CONTINUE));
        }
        body = ctx.alloc().compositeBuffer(64);
    }

    /**
     * A body still incomplete when the socket has nothing more to read gets a deadline; most requests
     * arrive whole in one read and never pay for a timer.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (body != null && bodyTimer == null && !discarding) {
            bodyTimer = ctx.executor().schedule(() -> failAndClose(ctx, 408, "Request body timed out"),
                    limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            failAndClose(ctx, 400, "Bad request");
            return;
        }
        ByteBuf chunk = content.content();
        if (pending == null && chunk.isReadable()) {
            long limit = match.route().maxBody();
            if (body.readableBytes() + (long) chunk.readableBytes() > limit) {
                failAndClose(ctx, 413, Dispatcher.tooLarge(limit));
                return;
            }
            body.addComponent(true, chunk.retain());
        }
        if (content instanceof LastHttpContent) {
            complete(ctx);
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        cancelBodyTimer();
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.release();
        body = null;
        HttpRequest req = request;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String acceptEncoding = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        boolean head = HttpMethod.HEAD.equals(req.method());
        CompletableFuture<Void> gone = new CompletableFuture<>();
        CompletableFuture<ApiResponse> answer = pending != null
                ? CompletableFuture.failedFuture(pending)
                : dispatcher.dispatch(req, match, Bytes.wrapUnsafe(bytes), ctx.channel().remoteAddress(),
                        new RequestContext(ctx.executor(), gone));
        inFlight = answer;
        inFlightGone = gone;
        answer.whenComplete((resp, err) -> onEventLoop(ctx, () -> {
            if (inFlight != answer || !ctx.channel().isActive()) {
                return;
            }
            var response = dispatcher.render(resp, err, keepAlive, acceptEncoding, head);
            var written = ctx.writeAndFlush(response);
            inFlight = null;
            inFlightGone = null;
            request = null;
            if (!keepAlive) {
                written.addListener(f -> ctx.close());
                return;
            }
            drainPipelined(ctx);
        }));
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void drainPipelined(ChannelHandlerContext ctx) {
        while (inFlight == null && !pipelined.isEmpty() && !discarding) {
            read(ctx, pipelined.poll());
        }
    }

    private void failAndClose(ChannelHandlerContext ctx, int status, String reason) {
        if (discarding) {
            return;
        }
        discarding = true;
        cancelBodyTimer();
        releaseBody();
        ctx.writeAndFlush(dispatcher.render(null, new HttpError(status, reason), false, null, false))
                .addListener(f -> lingerThenClose(ctx));
    }

    /**
     * Closing while the client is still sending (a body cut off at the limit) would make the kernel answer
     * its next bytes with a reset, which can discard our error response before the client reads it. So the
     * error is followed by a half-close, what still arrives is read and dropped, and the socket closes when
     * the client closes or after {@link #LINGER_MS}, whichever comes first.
     */
    private static void lingerThenClose(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
            ctx.close();
            return;
        }
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        ctx.executor().schedule(() -> ctx.close(), LINGER_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inFlight != null) {
            inFlightGone.complete(null);
            inFlight.cancel(false);
            inFlight = null;
        }
        cancelBodyTimer();
        releaseBody();
        pipelined.forEach(ReferenceCountUtil::release);
        pipelined.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void cancelBodyTimer() {
        if (bodyTimer != null) {
            bodyTimer.cancel(false);
            bodyTimer = null;
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
