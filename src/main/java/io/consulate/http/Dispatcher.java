package io.consulate.http;

import io.consulate.raft.RaftUnavailableException;
import io.consulate.state.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Netty requests into {@link ApiRequest}s for the route table, and handler results or failures
 * into responses: a plain-text reason with the right status, never a stack trace.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private final Routes routes;
    private final EncodedResponses encoded = new EncodedResponses();

    Dispatcher(Routes routes) {
        this.routes = routes;
    }

    static String tooLarge(long limit) {
        return "Request body too large, max size: " + limit + " bytes";
    }

    Routes.Match route(HttpRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        if (!rawPath.startsWith("/")) {
            throw HttpError.badRequest("Invalid URL path");
        }
        return routes.find(req.method().name(), UriCodec.decodePath(rawPath));
    }

    CompletableFuture<ApiResponse> dispatch(HttpRequest req, Routes.Match match, Bytes body, SocketAddress remote,
                                            RequestContext context) {
        try {
            String uri = req.uri();
            int q = uri.indexOf('?');
            Map<String, List<String>> query = UriCodec.decodeQuery(q < 0 ? null : uri.substring(q + 1));
            String path = UriCodec.decodePath(q < 0 ? uri : uri.substring(0, q));
            String remoteAddr = remote instanceof InetSocketAddress isa ? isa.getAddress().getHostAddress() : "";
            ApiRequest api = new ApiRequest(req.method().name(), path, match.tail(), query,
                    token(req, query), body, remoteAddr, context);
            CompletableFuture<ApiResponse> f = match.route().handler().handle(api);
            return f != null ? f : CompletableFuture.failedFuture(new IllegalStateException("null response"));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String token(HttpRequest req, Map<String, List<String>> query) {
        List<String> t = query.get("token");
        if (t != null && !t.isEmpty() && !t.get(0).isEmpty()) {
            return t.get(0);
        }
        String header = req.headers().get("X-Consul-Token");
        if (header != null && !header.isEmpty()) {
            return header;
        }
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return "";
    }

    /**
     * The answer's bytes (see {@link ResponseBytes}); a response answered again and again, as one cached
     * discovery body is to every woken watcher, is encoded once per kind and shared.
     *
     * @param acceptEncoding the request's Accept-Encoding (null: none); only read for bodies worth compressing
     * @param head           the request was a HEAD: headers only
     */
    ByteBuf render(ApiResponse resp, Throwable err, boolean keepAlive, String acceptEncoding, boolean head) {
        if (err != null) {
            resp = fromError(err);
        }
        boolean compress = resp.body().length >= Gzip.MIN_SIZE;
        boolean gzip = compress && Gzip.accepted(acceptEncoding);
        if (head || !compress) {
            // Only bodies big enough to compress are worth sharing; small answers (most KV reads and writes)
            // skip the shared slots, so the common request neither allocates an entry nor writes to them.
            return Unpooled.wrappedBuffer(encode(resp, keepAlive, compress, gzip, head));
        }
        ByteBuf shared = encoded.get(resp, keepAlive, gzip);
        if (shared != null) {
            return shared;
        }
        byte[] bytes = encode(resp, keepAlive, compress, gzip, false);
        encoded.put(resp, keepAlive, gzip, bytes);
        return Unpooled.wrappedBuffer(bytes);
    }

    private static byte[] encode(ApiResponse resp, boolean keepAlive, boolean compress, boolean gzip, boolean head) {
        byte[] body = resp.body();
        if (gzip) {
            body = resp.gzipped() != null ? resp.gzipped().get() : Gzip.compress(body);
        }
        try {
            return ResponseBytes.encode(resp, body, gzip, compress, keepAlive, head);
        } catch (IllegalArgumentException e) {
            LOG.error("refusing a response with a malformed header", e);
            ApiResponse refused = ApiResponse.text(500, "Internal server error");
            return ResponseBytes.encode(refused, refused.body(), false, false, keepAlive, head);
        }
    }

    private static ApiResponse fromError(Throwable err) {
        Throwable e = err;
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof HttpError h) {
            return ApiResponse.text(h.status(), h.getMessage());
        }
        if (e instanceof Routes.MethodNotAllowed m) {
            return ApiResponse.text(405, m.getMessage()).withHeader("Allow", m.allowHeader());
        }
        if (e instanceof RaftUnavailableException) {
            return ApiResponse.text(500, "No cluster leader");
        }
        if (e instanceof CancellationException) {
            return ApiResponse.text(503, "Request cancelled");
        }
        LOG.error("internal error serving a request", e);
        return ApiResponse.text(500, "Internal server error");
    }
}
