package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KvHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void putThenGetReturnsEntryWithBase64ValueAndIndexes() throws Exception {
        HttpResponse<String> put = http.put("/v1/kv/kvtest/a?flags=42", "hello");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("true");
        HttpResponse<String> get = http.get("/v1/kv/kvtest/a");
        assertThat(get.statusCode()).isEqualTo(200);
        JsonNode e = json(get).get(0);
        assertThat(e.get("Key").asText()).isEqualTo("kvtest/a");
        assertThat(e.get("Flags").asLong()).isEqualTo(42);
        assertThat(new String(Base64.getDecoder().decode(e.get("Value").asText()))).isEqualTo("hello");
        assertThat(e.has("Session")).isFalse();
        List<String> fields = new java.util.ArrayList<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("LockIndex", "Key", "Flags", "Value", "CreateIndex", "ModifyIndex");
        assertThat(get.headers().firstValue("X-Consul-Index")).hasValue(e.get("ModifyIndex").asText());
        assertThat(get.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
        assertThat(get.headers().firstValue("X-Consul-LastContact")).hasValue("0");
        assertThat(get.headers().firstValue("X-Consul-Effective-Consistency")).hasValue("leader");
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void emptyBodyStoresNullValue() throws Exception {
        http.put("/v1/kv/kvtest/empty", "");
        JsonNode e = json(http.get("/v1/kv/kvtest/empty")).get(0);
        assertThat(e.get("Value").isNull()).isTrue();
    }

    @Test
    void missingKeyIs404WithNonZeroIndex() throws Exception {
        HttpResponse<String> r = http.get("/v1/kv/kvtest/does-not-exist");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Long.parseLong(r.headers().firstValue("X-Consul-Index").orElseThrow())).isPositive();
    }

    @Test
    void encodedSlashInPathIsDecoded() throws Exception {
        http.put("/v1/kv/kvtest%2Fenc%2Fkey", "x");
        JsonNode e = json(http.get("/v1/kv/kvtest/enc/key")).get(0);
        assertThat(e.get("Key").asText()).isEqualTo("kvtest/enc/key");
    }

    @Test
    void recurseListsSortedByKeyAnd404WhenEmpty() throws Exception {
        http.put("/v1/kv/rec/b", "2");
        http.put("/v1/kv/rec/a", "1");
        http.put("/v1/kv/rec/c/d", "3");
        HttpResponse<String> r = http.get("/v1/kv/rec/?recurse");
        List<String> keys = new java.util.ArrayList<>();
        json(r).forEach(n -> keys.add(n.get("Key").asText()));
        assertThat(keys).containsExactly("rec/a", "rec/b", "rec/c/d");
        assertThat(http.get("/v1/kv/nothing-here/?recurse=true").statusCode()).isEqualTo(404);
    }

    @Test
    void keysFoldAtSeparator() throws Exception {
        http.put("/v1/kv/fold/base/x", "1");
        http.put("/v1/kv/fold/foo", "1");
        assertThat(json(http.get("/v1/kv/fold/?keys&separator=/")).toString())
                .isEqualTo("[\"fold/base/\",\"fold/foo\"]");
        assertThat(json(http.get("/v1/kv/fold/?keys=True&seperator=/")).toString())
                .isEqualTo("[\"fold/base/\",\"fold/foo\"]");
        assertThat(http.get("/v1/kv/nope/?keys").statusCode()).isEqualTo(404);
    }

    @Test
    void rawReturnsValueAsSandboxedText() throws Exception {
        http.put("/v1/kv/kvtest/raw", "<script>alert(1)</script>");
        HttpResponse<String> r = http.get("/v1/kv/kvtest/raw?raw");
        assertThat(r.body()).isEqualTo("<script>alert(1)</script>");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    }

    @Test
    void flagsAreUnsigned64Bit() throws Exception {
        http.put("/v1/kv/kvtest/flags?flags=18446744073709551615", "x");
        assertThat(http.get("/v1/kv/kvtest/flags").body()).contains("\"Flags\":18446744073709551615");
        assertThat(http.put("/v1/kv/kvtest/flags?flags=-1", "x").statusCode()).isEqualTo(400);
        assertThat(http.put("/v1/kv/kvtest/flags?flags=abc", "x").statusCode()).isEqualTo(400);
    }

    @Test
    void casCreatesOnlyWhenAbsentAndUpdatesOnlyAtMatchingIndex() throws Exception {
        assertThat(http.put("/v1/kv/kvtest/cas?cas=0", "1").body()).isEqualTo("true");
        assertThat(http.put("/v1/kv/kvtest/cas?cas=0", "2").body()).isEqualTo("false");
        long idx = json(http.get("/v1/kv/kvtest/cas")).get(0).get("ModifyIndex").asLong();
        assertThat(http.put("/v1/kv/kvtest/cas?cas=" + (idx - 1), "3").body()).isEqualTo("false");
        assertThat(http.put("/v1/kv/kvtest/cas?cas=" + idx, "4").body()).isEqualTo("true");
    }

    @Test
    void deleteSupportsCasAndRecurse() throws Exception {
        http.put("/v1/kv/del/a", "1");
        http.put("/v1/kv/del/b", "1");
        long idx = json(http.get("/v1/kv/del/a")).get(0).get("ModifyIndex").asLong();
        assertThat(http.delete("/v1/kv/del/a?cas=" + (idx + 100)).body()).isEqualTo("false");
        assertThat(http.delete("/v1/kv/del/a?cas=" + idx).body()).isEqualTo("true");
        assertThat(http.delete("/v1/kv/del/?recurse").body()).isEqualTo("true");
        assertThat(http.get("/v1/kv/del/?recurse").statusCode()).isEqualTo(404);
        assertThat(http.delete("/v1/kv/del/?recurse&cas=1").statusCode()).isEqualTo(400);
        assertThat(http.delete("/v1/kv/").statusCode()).isEqualTo(400);
    }

    @Test
    void conflictingFlagsAreRejected() throws Exception {
        HttpResponse<String> r = http.put("/v1/kv/kvtest/x?cas=0&acquire=abc", "1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("Conflicting flags");
    }

    @Test
    void acquireWithUnknownSessionIsInvalidSessionAndReleaseIsFalse() throws Exception {
        HttpResponse<String> r = http.put("/v1/kv/kvtest/lock?acquire=11111111-2222-3333-4444-555555555555", "1");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("invalid session \"11111111-2222-3333-4444-555555555555\"");
        assertThat(http.put("/v1/kv/kvtest/lock?release=abc", "1").body()).isEqualTo("false");
    }

    @Test
    void consistencyModesAreAcceptedInEverySpelling() throws Exception {
        http.put("/v1/kv/kvtest/c", "1");
        assertThat(http.get("/v1/kv/kvtest/c?stale").headers().firstValue("X-Consul-Effective-Consistency"))
                .hasValue("stale");
        assertThat(http.get("/v1/kv/kvtest/c?stale=").statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/kv/kvtest/c?stale=1").statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/kv/kvtest/c?consistent=1").headers().firstValue("X-Consul-Effective-Consistency"))
                .hasValue("consistent");
        assertThat(http.get("/v1/kv/kvtest/c?leader").statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/kv/kvtest/c?cached").statusCode()).isEqualTo(200);
        HttpResponse<String> both = http.get("/v1/kv/kvtest/c?stale&consistent");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("Cannot specify ?stale with ?consistent, conflicting semantics.");
    }

    @Test
    void keyWithTraversalSegmentIsRejected() throws Exception {
        assertThat(http.put("/v1/kv/a/%2E%2E/b", "1").statusCode()).isEqualTo(400);
        assertThat(http.put("/v1/kv/a%00b", "1").statusCode()).isEqualTo(400);
        assertThat(http.put("/v1/kv/" + "k".repeat(2000), "1").statusCode()).isEqualTo(400);
    }
}
