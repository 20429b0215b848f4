// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

class EncodedResponsesTest {
    private static byte[] bytes(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void sameResponseInstanceGetsTheStoredBytesPerKind() {
        EncodedResponses cache = new EncodedResponses();
        ApiResponse r = ApiResponse.text(200, "hello");
        cache.put(r, true, true, new byte[] {1, 2, 3});
        assertThat(bytes(cache.get(r, true, true))).containsExactly(1, 2, 3);
        assertThat(cache.get(r, true, false)).isNull();
        assertThat(cache.get(r, false, true)).isNull();
    }

    @Test
    void everyAnswerGetsItsOwnDirectViewOfTheWholeBytes() {
        EncodedResponses cache = new EncodedResponses();
        ApiResponse r = ApiResponse.text(200, "hello");
        cache.put(r, true, false, new byte[] {7, 8, 9});
        ByteBuf first = cache.get(r, true, false);
        first.skipBytes(2); // one connection's write progress must not move another's
        ByteBuf second = cache.get(r, true, false);
        assertThat(second.isDirect()).isTrue();
        assertThat(bytes(second)).containsExactly(7, 8, 9);
        assertThat(bytes(first)).containsExactly(9);
    }

    @Test
    void equalButDistinctResponseMisses() {
        EncodedResponses cache = new EncodedResponses();
        cache.put(ApiResponse.text(200, "hello"), true, false, new byte[] {1});
        assertThat(cache.get(ApiResponse.text(200, "hello"), true, false)).isNull();
    }

    @Test
    void laterResponseReplacesTheEarlierOfItsKind() {
        EncodedResponses cache = new EncodedResponses();
        ApiResponse first = ApiResponse.text(200, "a");
        ApiResponse second = ApiResponse.text(200, "b");
        cache.put(first, false, false, new byte[] {1});
        ByteBuf stillWriting = cache.get(first, false, false);
        cache.put(second, false, false, new byte[] {2});
        assertThat(cache.get(first, false, false)).isNull();
        assertThat(bytes(cache.get(second, false, false))).containsExactly(2);
        assertThat(bytes(stillWriting)).containsExactly(1);
    }
}
