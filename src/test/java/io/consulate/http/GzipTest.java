// SPDX-License-Identifier: Apache-2.0
package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {

    @Test
    void acceptEncodingAdmitsGzipOrStarUnlessWeightedZero() {
        assertThat(Gzip.accepted("gzip")).isTrue();
        assertThat(Gzip.accepted("gzip, deflate")).isTrue();
        assertThat(Gzip.accepted("deflate, GZIP;q=0.5")).isTrue();
        assertThat(Gzip.accepted("*")).isTrue();
        assertThat(Gzip.accepted("br, gzip ; q=1")).isTrue();
    }

    @Test
    void hostileOrNegativeAcceptEncodingIsNotGzip() {
        assertThat(Gzip.accepted(null)).isFalse();
        assertThat(Gzip.accepted("")).isFalse();
        assertThat(Gzip.accepted("identity")).isFalse();
        assertThat(Gzip.accepted("gzip;q=0")).isFalse();
        assertThat(Gzip.accepted("gzip;q=0.0")).isFalse();
        assertThat(Gzip.accepted("gzip;q=banana")).isFalse();
        assertThat(Gzip.accepted("xgzip, gzipx")).isFalse();
        assertThat(Gzip.accepted(";;;,,,;q=")).isFalse();
        assertThat(Gzip.accepted(",".repeat(100_000) + "gzip")).isFalse(); // past the first 32 codings
    }

    @Test
    void compressedBodyInflatesToTheOriginalAndMemoizedCompressesOnce() throws Exception {
        byte[] body = "{\"Service\":\"web\"},".repeat(500).getBytes(StandardCharsets.UTF_8);
        var memo = Gzip.memoized(body);
        byte[] gz = memo.get();
        assertThat(memo.get()).isSameAs(gz);
        assertThat(gz.length).isLessThan(body.length / 10);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }
}
