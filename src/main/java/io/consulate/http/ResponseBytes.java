package io.consulate.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An {@link ApiResponse} as the bytes of one HTTP/1.1 answer: status line, headers, blank line, body. The headers
 * the server adds itself are spelt as Netty's encoder spelt them before (lower-case names).
 *
 * <p>The server writes these bytes itself rather than through Netty's response encoder, so one answer shared
 * by many waiters (a blocking query's cached discovery body woken for thousands of watchers) is encoded once
 * and each connection gets a wrapper around the same array: see {@link EncodedResponses}.
 *
 * <p>Header names and values come from the server's own code, but a value carrying CR, LF or NUL would let
 * whoever chose it add headers, so such a header is refused as an {@link IllegalArgumentException}.
 */
final class ResponseBytes {
    static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");

    /** Headers the encoder writes itself; an {@link ApiResponse} header of the same name is ignored. */
    private static final CharSequence[] OWN = {HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH,
        HttpHeaderNames.CONTENT_ENCODING, HttpHeaderNames.VARY, HttpHeaderNames.CONNECTION};

    private ResponseBytes() {
    }

    /**
     * @param body    what to send: the response's body or its gzip form
     * @param gzipped whether {@code body} is the gzip form (adds Content-Encoding)
     * @param vary    whether the answer depends on Accept-Encoding (adds Vary)
     * @param head    a HEAD request: the headers describe {@code body} but it is not sent
     */
    static byte[] encode(ApiResponse resp, byte[] body, boolean gzipped, boolean vary, boolean keepAlive,
                         boolean head) {
        StringBuilder h = new StringBuilder(256);
        h.append("HTTP/1.1 ").append(resp.status()).append(' ')
                .append(HttpResponseStatus.valueOf(resp.status()).reasonPhrase()).append("\r\n");
        header(h, HttpHeaderNames.CONTENT_TYPE, resp.contentType());
        header(h, HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        if (vary) {
            header(h, HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        }
        if (gzipped) {
            header(h, HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        for (Map.Entry<String, String> e : resp.headers().entrySet()) {
            if (!isOwn(e.getKey())) {
                header(h, e.getKey(), e.getValue());
            }
        }
        header(h, HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        h.append("\r\n");
        byte[] top = h.toString().getBytes(StandardCharsets.UTF_8);
        if (head) {
            return top;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(top.length + body.length);
        out.writeBytes(top);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean isOwn(String name) {
        for (CharSequence own : OWN) {
            if (own.toString().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static void header(StringBuilder h, CharSequence name, CharSequence value) {
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("bad response header name: " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("bad value for response header " + name);
            }
        }
        h.append(name).append(": ").append(value).append("\r\n");
    }

    /** RFC 9110 token characters: what a header name may consist of. */
    private static boolean isToken(CharSequence name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
