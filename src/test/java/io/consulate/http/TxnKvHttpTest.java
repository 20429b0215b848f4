package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/txn} KV verbs against a real agent: results, Consul's error texts, and rollback. */
class TxnKvHttpTest {
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

    static String b64(String s) {
        return TxnClient.b64(s);
    }

    static HttpResponse<String> txn(String body) throws Exception {
        return new TxnClient(http).txn(body);
    }

    static JsonNode ok(String body) throws Exception {
        return new TxnClient(http).ok(body);
    }

    static void conflict(String body, String... errors) throws Exception {
        new TxnClient(http).conflict(body, errors);
    }

    static String kv(String verb, String key, String extra) {
        return TxnClient.kv(verb, key, extra);
    }

    static String set(String key, String value) {
        return TxnClient.set(key, value);
    }

    static long kvIndex() throws Exception {
        return Long.parseLong(http.get("/v1/kv/no-such-probe-key").headers().firstValue("X-Consul-Index").orElseThrow());
    }

    static boolean exists(String key) throws Exception {
        return http.get("/v1/kv/" + key).statusCode() == 200;
    }

    @Test
    void setThenGetAndGetTreeReturnBase64ValuesAndWritesReturnNoValue() throws Exception {
        JsonNode w = ok("[" + set("a/one", "1") + "," + kv("set", "a/two", ",\"Value\":\"" + b64("2")
                + "\",\"Flags\":7") + "]");
        assertThat(w).hasSize(2);
        JsonNode one = w.get(0).get("KV");
        assertThat(one.get("Key").asText()).isEqualTo("a/one");
        assertThat(one.get("Value").isNull()).isTrue();
        assertThat(one.get("CreateIndex").asLong()).isEqualTo(one.get("ModifyIndex").asLong()).isPositive();
        assertThat(w.get(1).get("KV").get("ModifyIndex").asLong()).isEqualTo(one.get("ModifyIndex").asLong());

        JsonNode r = ok("[" + kv("get", "a/one", "") + "," + kv("get-tree", "a/", "") + "]");
        assertThat(r).hasSize(3);
        assertThat(r.get(0).get("KV").get("Value").asText()).isEqualTo(b64("1"));
        assertThat(r.get(2).get("KV").get("Key").asText()).isEqualTo("a/two");
        assertThat(r.get(2).get("KV").get("Flags").asLong()).isEqualTo(7);
        assertThat(r.get(2).get("KV").get("Value").asText()).isEqualTo(b64("2"));
        assertThat(new String(Base64.getDecoder().decode(r.get(1).get("KV").get("Value").asText()))).isEqualTo("1");
    }

    @Test
    void writeTransactionAnswersWithTheCommitIndexHeader() throws Exception {
        HttpResponse<String> r = txn("[" + set("hdr/k", "v") + "]");
        long modify = JSON.readTree(r.body()).get("Results").get(0).get("KV").get("ModifyIndex").asLong();
        assertThat(r.headers().firstValue("X-Consul-Index")).contains(Long.toString(modify));
        assertThat(http.get("/v1/kv/hdr/k").headers().firstValue("X-Consul-Index")).contains(Long.toString(modify));
    }

    @Test
    void aFailingOperationRollsBackTheWholeTransactionAndMovesNoIndex() throws Exception {
        ok("[" + set("rb/existing", "old") + "]");
        long before = kvIndex();
        conflict("[" + set("rb/new", "x") + "," + kv("delete", "rb/existing", "") + ","
                        + kv("cas", "rb/other", ",\"Index\":999,\"Value\":\"" + b64("y") + "\"") + "]",
                "2:failed to set key \"rb/other\", index is stale");
        assertThat(exists("rb/new")).isFalse();
        assertThat(exists("rb/existing")).isTrue();
        assertThat(kvIndex()).isEqualTo(before);
    }

    @Test
    void everyFailingOperationIsReportedWithItsIndex() throws Exception {
        conflict("[" + kv("get", "many/missing", "") + "," + set("many/ok", "v") + ","
                        + kv("check-index", "many/missing", ",\"Index\":3") + "]",
                "0:key \"many/missing\" doesn't exist",
                "2:failed to check index, key \"many/missing\" doesn't exist");
        assertThat(exists("many/ok")).isFalse();
    }

    @Test
    void casCreatesOnlyWithIndexZeroAndOtherwiseNeedsTheModifyIndex() throws Exception {
        long idx = ok("[" + kv("cas", "cas/k", ",\"Index\":0,\"Value\":\"" + b64("1") + "\"") + "]")
                .get(0).get("KV").get("ModifyIndex").asLong();
        conflict("[" + kv("cas", "cas/k", ",\"Index\":0,\"Value\":\"" + b64("2") + "\"") + "]",
                "0:failed to set key \"cas/k\", index is stale");
        conflict("[" + kv("cas", "cas/k", ",\"Index\":" + (idx + 100) + ",\"Value\":\"" + b64("2") + "\"") + "]",
                "0:failed to set key \"cas/k\", index is stale");
        JsonNode r = ok("[" + kv("cas", "cas/k", ",\"Index\":" + idx + ",\"Value\":\"" + b64("2") + "\"") + ","
                + kv("get", "cas/k", "") + "]");
        assertThat(r.get(1).get("KV").get("Value").asText()).isEqualTo(b64("2"));
    }

    @Test
    void checkVerbsCompareWithoutWritingAndFailWithConsulTexts() throws Exception {
        long idx = ok("[" + set("chk/k", "v") + "]").get(0).get("KV").get("ModifyIndex").asLong();
        JsonNode r = ok("[" + kv("check-index", "chk/k", ",\"Index\":" + idx) + ","
                + kv("check-session", "chk/k", "") + "," + kv("check-not-exists", "chk/none", "") + "]");
        assertThat(r).hasSize(2);
        assertThat(r.get(0).get("KV").get("Value").isNull()).isTrue();
        conflict("[" + kv("check-index", "chk/k", ",\"Index\":1") + "]",
                "0:failed index check for key \"chk/k\", current modify index " + idx + " != 1");
        conflict("[" + kv("check-session", "chk/k", ",\"Session\":\"abc\"") + "]",
                "0:failed session check for key \"chk/k\", current session \"\" != \"abc\"");
        conflict("[" + kv("check-session", "chk/none", ",\"Session\":\"abc\"") + "]",
                "0:failed to check session, key \"chk/none\" doesn't exist");
        conflict("[" + kv("check-not-exists", "chk/k", "") + "]", "0:key \"chk/k\" exists");
    }

    @Test
    void deleteVerbsRemoveKeysAndReturnNoResults() throws Exception {
        JsonNode w = ok("[" + set("del/a", "1") + "," + set("del/t/1", "1") + "," + set("del/t/2", "2") + ","
                + set("del/c", "c") + "]");
        long cIdx = w.get(3).get("KV").get("ModifyIndex").asLong();
        conflict("[" + kv("delete-cas", "del/c", ",\"Index\":" + (cIdx + 50)) + "]",
                "0:failed to delete key \"del/c\", index is stale");
        JsonNode r = ok("[" + kv("delete", "del/a", "") + "," + kv("delete-tree", "del/t/", "") + ","
                + kv("delete-cas", "del/c", ",\"Index\":" + cIdx) + "," + kv("delete-cas", "del/missing", "") + "]");
        assertThat(r).isEmpty();
        assertThat(exists("del/a")).isFalse();
        assertThat(exists("del/t/1")).isFalse();
        assertThat(exists("del/t/2")).isFalse();
        assertThat(exists("del/c")).isFalse();
    }

    @Test
    void unknownVerbIsAConflictWithConsulsTextAndNothingIsWritten() throws Exception {
        conflict("[" + set("verb/k", "v") + "," + kv("frobnicate", "verb/k", "") + "]",
                "1:unknown KV verb \"frobnicate\"");
        conflict("[" + kv("frobnicate", "verb/k", "") + "]", "0:unknown KV verb \"frobnicate\"");
        assertThat(exists("verb/k")).isFalse();
    }

    @Test
    void moreThanSixtyFourOperationsIs413AndSixtyFourIsFine() throws Exception {
        StringBuilder ops = new StringBuilder("[");
        for (int i = 0; i < 64; i++) {
            ops.append(i == 0 ? "" : ",").append(set("lim/" + i, "v"));
        }
        assertThat(txn(ops + "]").statusCode()).isEqualTo(200);
        HttpResponse<String> r = txn(ops + "," + set("lim/64", "v") + "]");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("Transaction contains too many operations (65 > 64)");
        assertThat(exists("lim/64")).isFalse();
    }

    @Test
    void aValueOverTheKvLimitIs413() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[512 * 1024 + 1]);
        HttpResponse<String> r = http.put("/v1/txn", "[" + kv("set", "big/k", ",\"Value\":\"" + big + "\"") + "]");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(exists("big/k")).isFalse();
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        for (String body : new String[] {"{", "", "{\"KV\":{}}", "[{}]", "[null]", "[{\"KV\":{\"Verb\":\"set\","
                + "\"Key\":\"x\",\"Value\":\"not base64!\"}}]", "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"\"}}]",
                "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"a/../b\"}}]", "[{\"KV\":{\"Flags\":\"x\"}}]"}) {
            HttpResponse<String> r = txn(body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        }
        assertThat(txn("{").body()).startsWith("Failed to parse body");
    }

    @Test
    void deeplyNestedOrOversizedBodiesAreRefusedWithoutWriting() throws Exception {
        assertThat(txn("[".repeat(5000)).statusCode()).isEqualTo(400);
        assertThat(txn("[{\"KV\":{\"Verb\":\"set\",\"Key\":\"deep/k\",\"Flags\":"
                + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}}]").statusCode()).isEqualTo(400);
        HttpResponse<String> huge = http.put("/v1/txn", new byte[600 * 1024]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(exists("deep/k")).isFalse();
    }

    @Test
    void readOnlyTransactionsHonourStaleAndConsistent() throws Exception {
        ok("[" + set("ro/k", "v") + "]");
        String body = "[" + kv("get", "ro/k", "") + "]";
        HttpResponse<String> stale = http.put("/v1/txn?stale", body);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Consul-Effective-Consistency")).contains("stale");
        assertThat(stale.headers().firstValue("X-Consul-KnownLeader")).contains("true");
        HttpResponse<String> consistent = http.put("/v1/txn?consistent", body);
        assertThat(consistent.statusCode()).isEqualTo(200);
        assertThat(consistent.headers().firstValue("X-Consul-Effective-Consistency")).contains("consistent");
        assertThat(Long.parseLong(consistent.headers().firstValue("X-Consul-Index").orElseThrow()))
                .isGreaterThanOrEqualTo(kvIndex());
        assertThat(JSON.readTree(consistent.body()).get("Results").get(0).get("KV").get("Value").asText())
                .isEqualTo(b64("v"));
    }

    @Test
    void emptyTransactionSucceedsWithNoResults() throws Exception {
        assertThat(ok("[]")).isEmpty();
    }
}
