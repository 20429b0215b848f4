package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionHttpTest {
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

    static String create(String body) throws Exception {
        HttpResponse<String> r = http.put("/v1/session/create", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("ID").asText();
    }

    private static JsonNode info(String id) throws Exception {
        HttpResponse<String> r = http.get("/v1/session/info/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    @Test
    void createWithoutBodyUsesConsulDefaultsAndInfoHasTheReferenceShape() throws Exception {
        String id = create("");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        HttpResponse<String> r = http.get("/v1/session/info/" + id);
        assertThat(r.headers().firstValue("X-Consul-Index")).isPresent();
        JsonNode s = json(r).get(0);
        List<String> fields = new ArrayList<>();
        s.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("ID", "Name", "Node", "LockDelay", "Behavior", "TTL", "NodeChecks",
                "ServiceChecks", "CreateIndex", "ModifyIndex");
        assertThat(s.get("Node").asText()).isEqualTo("test-node");
        assertThat(s.get("LockDelay").asLong()).isEqualTo(15_000_000_000L);
        assertThat(s.get("Behavior").asText()).isEqualTo("release");
        assertThat(s.get("TTL").asText()).isEmpty();
        assertThat(s.get("NodeChecks").toString()).isEqualTo("[\"serfHealth\"]");
        assertThat(s.get("ServiceChecks").isNull()).isTrue();
        assertThat(s.get("CreateIndex").asLong()).isPositive();
    }

    @Test
    void patronisBodyMeansNoChecksDeleteBehaviorAndMillisecondLockDelay() throws Exception {
        String id = create("{\"name\":\"pg-m1\",\"checks\":[],\"lockdelay\":\"0.001s\",\"behavior\":\"delete\","
                + "\"ttl\":\"15.0s\"}");
        JsonNode s = info(id).get(0);
        assertThat(s.get("Name").asText()).isEqualTo("pg-m1");
        assertThat(s.get("NodeChecks").size()).isZero();
        assertThat(s.get("LockDelay").asLong()).isEqualTo(1_000_000L);
        assertThat(s.get("Behavior").asText()).isEqualTo("delete");
        assertThat(s.get("TTL").asText()).isEqualTo("15.0s");
    }

    @Test
    void lockDelayBelowOneThousandIsSecondsAndIsCappedAtSixtySeconds() throws Exception {
        assertThat(info(create("{\"LockDelay\":15}")).get(0).get("LockDelay").asLong()).isEqualTo(15_000_000_000L);
        assertThat(info(create("{\"LockDelay\":0}")).get(0).get("LockDelay").asLong()).isZero();
        assertThat(info(create("{\"LockDelay\":\"5ns\"}")).get(0).get("LockDelay").asLong()).isEqualTo(5_000_000_000L);
        assertThat(info(create("{\"LockDelay\":2000000000}")).get(0).get("LockDelay").asLong()).isEqualTo(2_000_000_000L);
        assertThat(info(create("{\"LockDelay\":\"10m\"}")).get(0).get("LockDelay").asLong()).isEqualTo(60_000_000_000L);
    }

    @Test
    void legacyChecksOtherThanSerfHealthAreEchoedAsChecks() throws Exception {
        String id = create("{\"NodeChecks\":[\"serfHealth\"],\"ServiceChecks\":[{\"ID\":\"serfHealth\"}]}");
        JsonNode s = info(id).get(0);
        assertThat(s.get("ServiceChecks").toString()).isEqualTo("[{\"ID\":\"serfHealth\",\"Namespace\":\"\"}]");
        assertThat(s.get("Checks").toString()).isEqualTo("[\"serfHealth\",\"serfHealth\"]");
    }

    @Test
    void everyCreateErrorHasItsText() throws Exception {
        expect(http.put("/v1/session/create", "{\"TTL\":\"5s\"}"), 400,
                "Invalid Session TTL '5s', must be between [10s=24h0m0s]");
        expect(http.put("/v1/session/create", "{\"TTL\":\"25h\"}"), 400,
                "Invalid Session TTL '25h', must be between [10s=24h0m0s]");
        expect(http.put("/v1/session/create", "{\"TTL\":\"10\"}"), 400, "Session TTL '10' invalid: ");
        expect(http.put("/v1/session/create", "{\"Behavior\":\"keep\"}"), 400, "Invalid Behavior setting 'keep'");
        expect(http.put("/v1/session/create", "{\"Node\":\"ghost\"}"), 400, "Missing node registration");
        expect(http.put("/v1/session/create", "{\"Checks\":[\"nope\"]}"), 400, "Missing check 'nope' registration");
        expect(http.put("/v1/session/create", "{\"LockDelay\":\"soon\"}"), 400, "Invalid LockDelay: soon");
        expect(http.put("/v1/session/create", "{\"LockDelay\":-5}"), 400, "Invalid LockDelay");
        expect(http.put("/v1/session/create", "{\"LockDelay\":true}"), 400, "Invalid LockDelay");
        expect(http.put("/v1/session/create", "[1]"), 400, "Request decode failed");
        expect(http.put("/v1/session/create", "{\"Name\":"), 400, "Request decode failed");
        expect(http.put("/v1/session/create", "{\"Checks\":\"serfHealth\"}"), 400, "Request decode failed");
        expect(http.put("/v1/session/create", "{\"Name\":5}"), 400, "Request decode failed");
        assertThat(http.put("/v1/session/create", "{\"TTL\":\"0s\"}").statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/session/create", "{\"TTL\":\"10s\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void renewAnswersAOneElementArrayAndUnknownIs404() throws Exception {
        String id = create("{\"TTL\":\"30s\"}");
        HttpResponse<String> r = http.put("/v1/session/renew/" + id, "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).size()).isEqualTo(1);
        assertThat(json(r).get(0).get("ID").asText()).isEqualTo(id);
        expect(http.put("/v1/session/renew/11111111-2222-3333-4444-555555555555", ""), 404,
                "Session id '11111111-2222-3333-4444-555555555555' not found");
        expect(http.put("/v1/session/renew/not-a-uuid", ""), 400, "Session ID must be a valid UUID");
    }

    @Test
    void destroyIsIdempotentAndInfoOfAnUnknownIdIsAnEmptyArray() throws Exception {
        String id = create("");
        assertThat(http.put("/v1/session/destroy/" + id, "").body()).isEqualTo("true");
        assertThat(http.put("/v1/session/destroy/" + id, "").body()).isEqualTo("true");
        assertThat(http.get("/v1/session/info/" + id).body()).isEqualTo("[]");
        assertThat(http.get("/v1/session/info/zzz").body()).isEqualTo("[]");
        expect(http.put("/v1/session/destroy/../x", ""), 400, "");
        expect(http.put("/v1/session/destroy/", ""), 400, "Missing session");
    }

    @Test
    void listAndNodeShowSessionsAndUnknownNodeIsEmpty() throws Exception {
        String id = create("{\"Name\":\"listed\"}");
        assertThat(json(http.get("/v1/session/list")).findValuesAsText("ID")).contains(id);
        assertThat(json(http.get("/v1/session/node/test-node")).findValuesAsText("ID")).contains(id);
        assertThat(http.get("/v1/session/node/ghost").body()).isEqualTo("[]");
        assertThat(http.get("/v1/session/list").headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void infoBlocksUntilTheSessionChanges() throws Exception {
        String id = create("");
        String index = http.get("/v1/session/info/" + id).headers().firstValue("X-Consul-Index").orElseThrow();
        CompletableFuture<HttpResponse<String>> blocked = http.getAsync("/v1/session/info/" + id + "?index=" + index
                + "&wait=20s");
        Thread.sleep(100);
        assertThat(blocked).isNotDone();
        http.put("/v1/session/destroy/" + id, "");
        assertThat(blocked.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).isEqualTo("[]");
    }

    @Test
    void acquireAndReleaseFollowConsulsLockRules() throws Exception {
        String a = create("{\"LockDelay\":\"0s\"}");
        String b = create("{\"LockDelay\":\"0s\"}");
        assertThat(http.put("/v1/kv/locks/x?acquire=" + a, "one").body()).isEqualTo("true");
        JsonNode e = json(http.get("/v1/kv/locks/x")).get(0);
        assertThat(e.get("Session").asText()).isEqualTo(a);
        assertThat(e.get("LockIndex").asLong()).isEqualTo(1);
        assertThat(http.put("/v1/kv/locks/x?acquire=" + a, "again").body()).isEqualTo("true");
        assertThat(json(http.get("/v1/kv/locks/x")).get(0).get("LockIndex").asLong()).isEqualTo(1);
        assertThat(http.put("/v1/kv/locks/x?acquire=" + b, "two").body()).isEqualTo("false");
        assertThat(http.put("/v1/kv/locks/x?release=" + b, "two").body()).isEqualTo("false");
        assertThat(http.put("/v1/kv/locks/x", "plain").body()).isEqualTo("true");
        assertThat(json(http.get("/v1/kv/locks/x")).get(0).get("Session").asText()).isEqualTo(a);
        assertThat(http.put("/v1/kv/locks/x?release=" + a, "free").body()).isEqualTo("true");
        e = json(http.get("/v1/kv/locks/x")).get(0);
        assertThat(e.has("Session")).isFalse();
        assertThat(e.get("LockIndex").asLong()).isEqualTo(1);
        assertThat(http.put("/v1/kv/locks/x?acquire=" + b, "two").body()).isEqualTo("true");
        assertThat(json(http.get("/v1/kv/locks/x")).get(0).get("LockIndex").asLong()).isEqualTo(2);
        expect(http.put("/v1/kv/locks/x?acquire=" + a + "&release=" + a, ""), 400, "Conflicting flags");
        expect(http.put("/v1/kv/locks/x?acquire=" + a + "&cas=0", ""), 400, "Conflicting flags");
        expect(http.put("/v1/kv/locks/x?release=" + a + "&cas=5", ""), 400, "Conflicting flags");
        expect(http.put("/v1/kv/locks/y?acquire=nope", ""), 500, "invalid session \"nope\"");
    }

    @Test
    void invalidationStartsLockDelayButVoluntaryReleaseDoesNot() throws Exception {
        String a = create("{\"LockDelay\":\"30s\"}");
        assertThat(http.put("/v1/kv/delay/k?acquire=" + a, "").body()).isEqualTo("true");
        assertThat(http.put("/v1/kv/delay/k?release=" + a, "").body()).isEqualTo("true");
        String b = create("");
        assertThat(http.put("/v1/kv/delay/k?acquire=" + b, "").body()).isEqualTo("true");
        http.put("/v1/session/destroy/" + b, "");
        assertThat(json(http.get("/v1/kv/delay/k")).get(0).has("Session")).isFalse();
        assertThat(http.put("/v1/kv/delay/k?acquire=" + a, "").body()).isEqualTo("false");
        assertThat(http.put("/v1/kv/delay/other?acquire=" + a, "").body()).isEqualTo("true");
    }

    @Test
    void behaviorDeleteDeletesTheHeldKeyOnDestroy() throws Exception {
        String a = create("{\"Behavior\":\"delete\",\"LockDelay\":0}");
        http.put("/v1/kv/del/k?acquire=" + a, "v");
        http.put("/v1/session/destroy/" + a, "");
        assertThat(http.get("/v1/kv/del/k").statusCode()).isEqualTo(404);
    }

    @Test
    void aSessionOnAServiceCheckIsInvalidatedWhenTheCheckTurnsCritical() throws Exception {
        assertThat(http.put("/v1/agent/service/register", "{\"Name\":\"locker\",\"ID\":\"locker\","
                + "\"Check\":{\"CheckID\":\"locker-ttl\",\"TTL\":\"60s\",\"Status\":\"passing\"}}").statusCode())
                .isEqualTo(200);
        String a = create("{\"ServiceChecks\":[{\"ID\":\"locker-ttl\"}],\"LockDelay\":0}");
        http.put("/v1/kv/svc/k?acquire=" + a, "v");
        assertThat(http.put("/v1/agent/check/fail/locker-ttl", "").statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> http.get("/v1/session/info/" + a).body().equals("[]"));
        assertThat(json(http.get("/v1/kv/svc/k")).get(0).has("Session")).isFalse();
        http.put("/v1/agent/service/deregister/locker", "");
    }

    private static void expect(HttpResponse<String> r, int status, String prefix) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).startsWith(prefix);
    }
}
