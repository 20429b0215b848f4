package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed transactions replay from the Raft log after kill -9; failed ones leave no trace either. */
class TxnPersistenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String[] serverArgs(int raftPort) {
        return new String[] {"-server", "-bootstrap-expect=1", "-data-dir=" + dir.resolve("data"),
                "-server-port=" + raftPort, "-dns-port=-1", "-node=persist", "-pid-file=" + dir.resolve("agent.pid")};
    }

    @Test
    void transactionsReplayExactlyAfterKillNine() throws Exception {
        int httpPort = AgentProcess.freePort();
        int raftPort = AgentProcess.freePort();
        String good = "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"tp/a\",\"Value\":\"MQ==\"}},"
                + "{\"Node\":{\"Verb\":\"set\",\"Node\":{\"Node\":\"tx-node\",\"Address\":\"10.1.1.1\"}}}]";
        String bad = "[{\"KV\":{\"Verb\":\"set\",\"Key\":\"tp/b\",\"Value\":\"Mg==\"}},"
                + "{\"KV\":{\"Verb\":\"cas\",\"Key\":\"tp/a\",\"Index\":1,\"Value\":\"Mw==\"}}]";
        long modify;
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(30));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            HttpResponse<String> r = http.put("/v1/txn", good);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            modify = JSON.readTree(r.body()).get("Results").get(0).get("KV").get("ModifyIndex").asLong();
            assertThat(http.put("/v1/txn", bad).statusCode()).isEqualTo(409);
            agent.kill9();
        }
        try (AgentProcess agent = AgentProcess.start(dir, httpPort, serverArgs(raftPort))) {
            agent.awaitLeader(Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + httpPort);
            JsonNode a = JSON.readTree(http.get("/v1/kv/tp/a").body()).get(0);
            assertThat(a.get("Value").asText()).isEqualTo("MQ==");
            assertThat(a.get("ModifyIndex").asLong()).isEqualTo(modify);
            assertThat(http.get("/v1/kv/tp/b").statusCode()).isEqualTo(404);
            assertThat(http.get("/v1/catalog/node/tx-node").body()).contains("\"Address\":\"10.1.1.1\"");
        }
    }
}
