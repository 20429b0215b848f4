// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvImportParseTest {

    private static List<KvImportCommand.Entry> parse(String json) {
        return KvImportCommand.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheExportFormat() {
        assertThat(parse("[{\"key\":\"a\",\"flags\":7,\"value\":\"aGk=\"}]"))
                .containsExactly(new KvImportCommand.Entry("a", 7, "aGk="));
    }

    @Test
    void matchesFieldNamesCaseInsensitivelyAndIgnoresUnknownOnes() {
        assertThat(parse("[{\"Key\":\"a\",\"FLAGS\":1,\"Value\":\"\",\"namespace\":\"x\"}]"))
                .containsExactly(new KvImportCommand.Entry("a", 1, ""));
    }

    @Test
    void acceptsFlagsUpToTheLargestUint64() {
        assertThat(parse("[{\"key\":\"a\",\"flags\":18446744073709551615}]").get(0).flags()).isEqualTo(-1L);
    }

    @Test
    void nullDocumentAndNullElementsImportNothing() {
        assertThat(parse("null")).isEmpty();
        assertThat(parse("[null]")).isEmpty();
    }

    @Test
    void rejectsWhatGoWouldNotDecode() {
        assertThatThrownBy(() -> parse("{\"key\":\"a\"}")).hasMessageContaining("cannot unmarshal object");
        assertThatThrownBy(() -> parse("[{\"flags\":\"7\"}]")).hasMessageContaining("of type uint64");
        assertThatThrownBy(() -> parse("[{\"flags\":-1}]")).hasMessageContaining("of type uint64");
        assertThatThrownBy(() -> parse("[{\"key\":5}]")).hasMessageContaining("of type string");
        assertThatThrownBy(() -> parse("[{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("")).hasMessage("unexpected end of JSON input");
    }
}
