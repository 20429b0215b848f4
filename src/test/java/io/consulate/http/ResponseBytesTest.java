// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseBytesTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writesStatusLineServerHeadersThenTheResponsesOwnThenTheBody() {
        ApiResponse r = ApiResponse.json(200, "[1]".getBytes(StandardCharsets.UTF_8))
                .withHeader("X-Consul-Index", "7");
        assertThat(text(ResponseBytes.encode(r, r.body(), false, false, true, false))).isEqualTo(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 3\r\n"
                        + "X-Consul-Index: 7\r\nconnection: keep-alive\r\n\r\n[1]");
    }

    @Test
    void gzipBodyIsLabelledAndVariesOnAcceptEncoding() {
        ApiResponse r = ApiResponse.json(200, new byte[2000]);
        String head = text(ResponseBytes.encode(r, new byte[30], true, true, false, true));
        assertThat(head).contains("content-length: 30\r\n", "vary: accept-encoding\r\n",
                "content-encoding: gzip\r\n", "connection: close\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void headAnswerHasTheHeadersButNoBody() {
        ApiResponse r = ApiResponse.text(404, "no such key");
        String answer = text(ResponseBytes.encode(r, r.body(), false, false, true, true));
        assertThat(answer).startsWith("HTTP/1.1 404 Not Found\r\n").contains("content-length: 11\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void headerOfTheSameNameAsAServerHeaderIsIgnored() {
        ApiResponse r = new ApiResponse(200, ApiResponse.TEXT, new byte[1], Map.of("Content-Length", "99"));
        assertThat(text(ResponseBytes.encode(r, r.body(), false, false, true, false)))
                .contains("content-length: 1\r\n").doesNotContain("99");
    }

    @Test
    void headerValueWithLineBreakIsRefused() {
        ApiResponse r = ApiResponse.text(200, "x").withHeader("X-Evil", "a\r\nSet-Cookie: b");
        assertThatThrownBy(() -> ResponseBytes.encode(r, r.body(), false, false, true, false))
                .isInstanceOf(IllegalArgumentException.class);
        ApiResponse badName = ApiResponse.text(200, "x").withHeader("X Evil", "a");
        assertThatThrownBy(() -> ResponseBytes.encode(badName, badName.body(), false, false, true, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
