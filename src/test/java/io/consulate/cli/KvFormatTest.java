// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KvFormatTest {

    private static final KvRecord ENTRY = new KvRecord("redis/config/connections", 42,
            new KvRecord.Bytes("5".getBytes(StandardCharsets.UTF_8)), "", 0, 336, 337);

    private static String detailed(KvRecord r, boolean base64, boolean keysOnly) {
        return new String(KvGetCommand.detailed(r, base64, keysOnly), StandardCharsets.UTF_8);
    }

    @Test
    void detailedAlignsValuesSixSpacesPastTheLongestLabel() {
        assertThat(detailed(ENTRY, false, false)).isEqualTo("""
                CreateIndex      336
                Flags            42
                Key              redis/config/connections
                LockIndex        0
                ModifyIndex      337
                Session          -
                Value            5""");
    }

    @Test
    void detailedShowsTheHoldingSessionAndCanEncodeTheValue() {
        KvRecord locked = new KvRecord("k", 0, new KvRecord.Bytes(new byte[] {1, 2}), "abc-123", 3, 1, 2);

        assertThat(detailed(locked, true, false)).contains("Session          abc-123\n")
                .endsWith("Value            AQI=");
    }

    @Test
    void detailedKeysOnlyDropsTheValueRowButKeepsTheNewline() {
        assertThat(detailed(ENTRY, false, true)).endsWith("Session          -\n").doesNotContain("Value");
    }

    @Test
    void kvPathsEncodeEachSegmentButKeepSlashes() {
        assertThat(KvApi.path("a b/c?d#e%/é/")).isEqualTo("/v1/kv/a%20b/c%3Fd%23e%25/%C3%A9/");
        assertThat(KvApi.path("plain-key_1.x~")).isEqualTo("/v1/kv/plain-key_1.x~");
    }
}
