// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    private static KvRecord entry(String key, long flags, String value) {
        return new KvRecord(key, flags, new KvRecord.Bytes(value.getBytes(StandardCharsets.UTF_8)), "", 0, 1, 1);
    }

    @Test
    void exportIsTabIndentedLikeGoMarshalIndent() {
        String json = GoJson.export(List.of(entry("a/b", 0, "hello"), entry("c", 42, "")));

        assertThat(json).isEqualTo("""
                [
                \t{
                \t\t"key": "a/b",
                \t\t"flags": 0,
                \t\t"value": "aGVsbG8="
                \t},
                \t{
                \t\t"key": "c",
                \t\t"flags": 42,
                \t\t"value": ""
                \t}
                ]""");
    }

    @Test
    void exportOfNothingIsAnEmptyArray() {
        assertThat(GoJson.export(List.of())).isEqualTo("[]");
    }

    @Test
    void flagsAboveLongMaxPrintAsUnsigned() {
        assertThat(GoJson.export(List.of(entry("k", -1L, "")))).contains("\"flags\": 18446744073709551615,");
    }

    @Test
    void quoteEscapesHtmlCharactersAndLineSeparatorsLikeGo() {
        assertThat(GoJson.quote("<a>&\u2028\u2029")).isEqualTo("\"\\u003ca\\u003e\\u0026\\u2028\\u2029\"");
    }

    @Test
    void quoteUsesShortEscapesForCommonControlCharactersAndHexForTheRest() {
        assertThat(GoJson.quote("\"\\\n\r\t\b\f\u0001")).isEqualTo("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\"");
    }

    @Test
    void quoteKeepsNonAsciiTextAndReplacesLoneSurrogates() {
        assertThat(GoJson.quote("é😀")).isEqualTo("\"é😀\"");
        assertThat(GoJson.quote("x\uD800y")).isEqualTo("\"x\\ufffdy\"");
    }
}
