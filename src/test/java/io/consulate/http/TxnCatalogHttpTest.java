package io.consulate.http;

import static io.consulate.http.TxnClient.JSON;
import static io.consulate.http.TxnClient.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/txn} Node, Service and Check verbs, and their rollback together with KV. */
class TxnCatalogHttpTest {
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

    private static String node(String verb, String name, String extra) {
        return "{\"Node\":{\"Verb\":\"" + verb + "\",\"Node\":{\"Node\":\"" + name + "\"" + extra + "}}}";
    }

    private static String service(String verb, String node, String id, String extra) {
        return "{\"Service\":{\"Verb\":\"" + verb + "\",\"Node\":\"" + node + "\",\"Service\":{\"ID\":\"" + id + "\""
                + extra + "}}}";
    }

    private static String check(String verb, String node, String id, String extra) {
        return "{\"Check\":{\"Verb\":\"" + verb + "\",\"Check\":{\"Node\":\"" + node + "\",\"CheckID\":\"" + id + "\""
                + extra + "}}}";
    }

    @Test
    void setRegistersNodeServiceAndCheckInOneStepAndGetReadsThem() throws Exception {
        JsonNode r = txn.ok(ops(node("set", "n1", ",\"Address\":\"10.0.0.1\""),
                service("set", "n1", "web1", ",\"Service\":\"web\",\"Port\":80,\"Tags\":[\"v1\"]"),
                check("set", "n1", "web1-alive", ",\"Name\":\"alive\",\"Status\":\"passing\",\"ServiceID\":\"web1\"")));
        assertThat(r).hasSize(3);
        assertThat(r.get(0).get("Node").get("Address").asText()).isEqualTo("10.0.0.1");
        assertThat(r.get(1).get("Service").get("Port").asInt()).isEqualTo(80);
        assertThat(r.get(2).get("Check").get("ServiceName").asText()).isEqualTo("web");
        long idx = r.get(0).get("Node").get("ModifyIndex").asLong();
        assertThat(r.get(1).get("Service").get("ModifyIndex").asLong()).isEqualTo(idx);

        JsonNode health = JSON.readTree(http.get("/v1/health/service/web?passing").body());
        assertThat(health).hasSize(1);
        assertThat(health.get(0).get("Service").get("ID").asText()).isEqualTo("web1");

        JsonNode got = txn.ok(ops(node("get", "n1", ""), service("get", "n1", "web1", ""),
                check("get", "n1", "web1-alive", "")));
        assertThat(got.get(0).get("Node").get("Node").asText()).isEqualTo("n1");
        assertThat(got.get(1).get("Service").get("Service").asText()).isEqualTo("web");
        assertThat(got.get(2).get("Check").get("Status").asText()).isEqualTo("passing");
    }

    @Test
    void missingRowsAndStaleIndexesFailWithConsulTexts() throws Exception {
        long idx = txn.ok(ops(node("set", "n2", ""))).get(0).get("Node").get("ModifyIndex").asLong();
        txn.conflict(ops(node("get", "ghost", ""), service("get", "n2", "nope", ""), check("get", "n2", "nope", "")),
                "0:node \"ghost\" doesn't exist", "1:service \"nope\" on node \"n2\" doesn't exist",
                "2:check \"nope\" on node \"n2\" doesn't exist");
        txn.conflict(ops(node("cas", "n2", ",\"ModifyIndex\":" + (idx + 100))),
                "0:failed to set node \"n2\", index is stale");
        txn.conflict(ops(node("delete-cas", "n2", ",\"ModifyIndex\":" + (idx + 100))),
                "0:failed to delete node \"n2\", index is stale");
        txn.conflict(ops(service("set", "ghost", "s", ",\"Service\":\"s\"")), "0:Missing node registration");
        txn.conflict(ops(check("set", "n2", "c", ",\"ServiceID\":\"nope\"")), "0:Missing service registration");
        txn.conflict(ops(service("cas", "n2", "s", ",\"Service\":\"s\",\"ModifyIndex\":5")),
                "0:failed to set service \"s\" on node \"n2\", index is stale");
        txn.conflict(ops(check("delete-cas", "n2", "c", ",\"ModifyIndex\":5")),
                "0:failed to delete check \"c\" on node \"n2\", index is stale");
        txn.conflict(ops(node("bogus", "n2", "")), "0:unknown Node verb \"bogus\"");
    }

    @Test
    void casAndDeleteVerbsFollowModifyIndex() throws Exception {
        JsonNode r = txn.ok(ops(node("cas", "n3", ",\"ModifyIndex\":0"),
                service("cas", "n3", "db", ",\"Service\":\"db\",\"ModifyIndex\":0"),
                check("set", "n3", "disk", ",\"Status\":\"warning\"")));
        long svcIdx = r.get(1).get("Service").get("ModifyIndex").asLong();
        long chkIdx = r.get(2).get("Check").get("ModifyIndex").asLong();
        txn.ok(ops(service("cas", "n3", "db", ",\"Service\":\"db\",\"Port\":5432,\"ModifyIndex\":" + svcIdx)));
        txn.ok(ops(check("delete-cas", "n3", "disk", ",\"ModifyIndex\":" + chkIdx), service("delete", "n3", "db", "")));
        assertThat(JSON.readTree(http.get("/v1/catalog/service/db").body())).isEmpty();
        long nodeIdx = txn.ok(ops(node("get", "n3", ""))).get(0).get("Node").get("ModifyIndex").asLong();
        assertThat(txn.ok(ops(node("delete-cas", "n3", ",\"ModifyIndex\":" + nodeIdx)))).isEmpty();
        assertThat(http.get("/v1/catalog/node/n3").body()).isEqualTo("null");
    }

    @Test
    void aFailingKvOperationRollsBackCatalogWrites() throws Exception {
        String nodesIndex = http.get("/v1/catalog/nodes").headers().firstValue("X-Consul-Index").orElseThrow();
        txn.conflict(ops(node("set", "rollback-node", ""), service("set", "rollback-node", "api", ",\"Service\":\"api\""),
                TxnClient.kv("get", "no/such/key", "")), "2:key \"no/such/key\" doesn't exist");
        assertThat(http.get("/v1/catalog/node/rollback-node").body()).isEqualTo("null");
        assertThat(JSON.readTree(http.get("/v1/catalog/service/api").body())).isEmpty();
        assertThat(http.get("/v1/catalog/nodes").headers().firstValue("X-Consul-Index")).contains(nodesIndex);
    }

    @Test
    void deletingANodeInATransactionInvalidatesItsSessions() throws Exception {
        txn.ok(ops(node("set", "n4", ",\"Address\":\"10.0.0.4\"")));
        String s = JSON.readTree(http.put("/v1/session/create", "{\"Node\":\"n4\",\"Checks\":[]}").body())
                .get("ID").asText();
        txn.ok(ops(node("delete", "n4", "")));
        assertThat(JSON.readTree(http.get("/v1/session/info/" + s).body())).isEmpty();
    }
}
