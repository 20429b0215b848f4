package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Test helper: builds {@code /v1/txn} operations and asserts the 200 and 409 answer shapes. */
final class TxnClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Http http;

    TxnClient(Http http) {
        this.http = http;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String kv(String verb, String key, String extra) {
        return "{\"KV\":{\"Verb\":\"" + verb + "\",\"Key\":\"" + key + "\"" + extra + "}}";
    }

    static String set(String key, String value) {
        return kv("set", key, ",\"Value\":\"" + b64(value) + "\"");
    }

    static String ops(String... ops) {
        return "[" + String.join(",", ops) + "]";
    }

    HttpResponse<String> txn(String body) throws Exception {
        return http.put("/v1/txn", body);
    }

    /** Asserts 200 with Errors null; returns Results. */
    JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = txn(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.get("Errors").isNull()).isTrue();
        return j.get("Results");
    }

    /** Asserts a 409 with exactly these errors ("opIndex:what" each) and Results null. */
    void conflict(String body, String... errors) throws Exception {
        HttpResponse<String> r = txn(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.get("Results").isNull()).isTrue();
        assertThat(j.get("Errors")).hasSize(errors.length);
        for (int i = 0; i < errors.length; i++) {
            JsonNode e = j.get("Errors").get(i);
            assertThat(e.get("OpIndex").asInt() + ":" + e.get("What").asText()).isEqualTo(errors[i]);
        }
    }
}
