// SPDX-License-Identifier: Apache-2.0
package io.consulate.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Go's encoding/json output, which {@code consul watch} prints and hands to handlers. */
class GoJsonTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void indentsWithFourSpacesAndKeepsEmptyContainersInline() throws Exception {
        String s = GoJsonText.indented(JSON.readTree("{\"a\":[],\"b\":{},\"c\":[1,{\"d\":null}]}"));
        assertThat(s).isEqualTo("{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        1,\n        {\n"
                + "            \"d\": null\n        }\n    ]\n}");
    }

    @Test
    void escapesHtmlCharactersAndLineSeparatorsLikeGo() throws Exception {
        String s = GoJsonText.compact(JSON.readTree("{\"k\":\"<a&b>\\u2028\\u0001\"}"));
        assertThat(s).isEqualTo("{\"k\":\"\\u003ca\\u0026b\\u003e\\u2028\\u0001\"}");
    }

    @Test
    void loneSurrogateBecomesReplacementCharacter() {
        StringBuilder sb = new StringBuilder();
        GoJsonText.quote(sb, "x\uD800y");
        assertThat(sb.toString()).isEqualTo("\"x\\ufffdy\"");
    }

    @Test
    void missingValueIsNull() {
        assertThat(GoJsonText.indented(null)).isEqualTo("null");
    }
}
