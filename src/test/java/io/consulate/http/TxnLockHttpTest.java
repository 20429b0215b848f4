package io.consulate.http;

import static io.consulate.http.TxnClient.JSON;
import static io.consulate.http.TxnClient.b64;
import static io.consulate.http.TxnClient.kv;
import static io.consulate.http.TxnClient.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/txn} lock, unlock and check-session, with sessions and lock-delay. */
class TxnLockHttpTest {
    private static TestAgent agent;
    private static Http http;
    private static TxnClient txn;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        txn = new TxnClient(http);
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static String session(String body) throws Exception {
        HttpResponse<String> r = http.put("/v1/session/create", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("ID").asText();
    }

    private static String lock(String key, String session, String value) {
        return kv("lock", key, ",\"Session\":\"" + session + "\",\"Value\":\"" + b64(value) + "\"");
    }

    private static String unlock(String key, String session) {
        return kv("unlock", key, ",\"Session\":\"" + session + "\"");
    }

    @Test
    void lockTakesTheKeyAndUnlockReleasesItKeepingLockIndex() throws Exception {
        String s = session("{}");
        JsonNode locked = txn.ok(ops(lock("lk/a", s, "leader"), kv("check-session", "lk/a", ",\"Session\":\"" + s + "\"")));
        assertThat(locked.get(0).get("KV").get("Session").asText()).isEqualTo(s);
        assertThat(locked.get(0).get("KV").get("LockIndex").asLong()).isEqualTo(1);
        JsonNode kvGet = JSON.readTree(http.get("/v1/kv/lk/a").body()).get(0);
        assertThat(kvGet.get("Session").asText()).isEqualTo(s);
        assertThat(kvGet.get("Value").asText()).isEqualTo(b64("leader"));

        JsonNode again = txn.ok(ops(lock("lk/a", s, "still")));
        assertThat(again.get(0).get("KV").get("LockIndex").asLong()).isEqualTo(1);

        JsonNode released = txn.ok(ops(unlock("lk/a", s)));
        assertThat(released.get(0).get("KV").has("Session")).isFalse();
        assertThat(released.get(0).get("KV").get("LockIndex").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(http.get("/v1/kv/lk/a").body()).get(0).has("Session")).isFalse();
    }

    @Test
    void lockAndUnlockFailuresUseConsulTextsAndRollBack() throws Exception {
        String holder = session("{}");
        String other = session("{}");
        txn.ok(ops(lock("lf/k", holder, "v")));
        txn.conflict(ops(TxnClient.set("lf/side", "x"), lock("lf/k", other, "v")),
                "1:failed to lock key \"lf/k\", lock is already held");
        txn.conflict(ops(unlock("lf/k", other)),
                "0:failed to unlock key \"lf/k\", lock isn't held, or is held by another session");
        txn.conflict(ops(lock("lf/n", "00000000-0000-0000-0000-000000000000", "v")),
                "0:invalid session \"00000000-0000-0000-0000-000000000000\"");
        txn.conflict(ops(kv("lock", "lf/n", "")), "0:missing session");
        txn.conflict(ops(kv("unlock", "lf/n", "")), "0:missing session");
        txn.conflict(ops(kv("check-session", "lf/k", ",\"Session\":\"" + other + "\"")),
                "0:failed session check for key \"lf/k\", current session \"" + holder + "\" != \"" + other + "\"");
        assertThat(http.get("/v1/kv/lf/side").statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/kv/lf/n").statusCode()).isEqualTo(404);
    }

    @Test
    void destroyingTheHolderReleasesTxnLocksAndLockDelayRefusesTheNextLock() throws Exception {
        String first = session("{\"LockDelay\":\"15s\"}");
        txn.ok(ops(lock("ld/k", first, "v")));
        assertThat(http.put("/v1/session/destroy/" + first, "").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(http.get("/v1/kv/ld/k").body()).get(0).has("Session")).isFalse();
        String second = session("{}");
        txn.conflict(ops(lock("ld/k", second, "v")), "0:failed to lock key \"ld/k\" due to lock delay");
    }

    @Test
    void keysLockedByATransactionAreReleasedWhenTheirSessionIsDestroyedWithDeleteBehavior() throws Exception {
        String s = session("{\"Behavior\":\"delete\",\"LockDelay\":\"0s\"}");
        txn.ok(ops(lock("ldel/a", s, "1"), lock("ldel/b", s, "2")));
        assertThat(http.put("/v1/session/destroy/" + s, "").statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/kv/ldel/a").statusCode()).isEqualTo(404);
        assertThat(http.get("/v1/kv/ldel/b").statusCode()).isEqualTo(404);
    }
}
