// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodedResponsesTest {
    @Test
    void sameResponseInstanceGetsTheStoredBytesPerKind() {
        EncodedResponses cache = new EncodedResponses();
        ApiResponse r = ApiResponse.text(200, "hello");
        byte[] keepAliveGzip = {1};
        cache.put(r, true, true, keepAliveGzip);
        assertThat(cache.get(r, true, true)).isSameAs(keepAliveGzip);
        assertThat(cache.get(r, true, false)).isNull();
        assertThat(cache.get(r, false, true)).isNull();
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
        cache.put(second, false, false, new byte[] {2});
        assertThat(cache.get(first, false, false)).isNull();
        assertThat(cache.get(second, false, false)).containsExactly(2);
    }
}
