package io.consulate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** {@code limits.txn_max_ops} sets how many operations {@code PUT /v1/txn} takes before answering 413. */
class TxnMaxOpsTest {

    private static String sets(String prefix, int count) {
        StringJoiner ops = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            ops.add("{\"KV\":{\"Verb\":\"set\",\"Key\":\"" + prefix + i + "\",\"Value\":\"dg==\"}}");
        }
        return ops.toString();
    }

    @Test
    void aConfiguredLimitOfTwoRefusesThreeOperationsAndAcceptsTwo() throws Exception {
        try (TestAgent agent = TestAgent.start("-hcl", "limits { txn_max_ops = 2 }")) {
            Http http = new Http(agent.httpAddress());
            HttpResponse<String> tooMany = http.put("/v1/txn", sets("three/", 3));
            assertThat(tooMany.statusCode()).isEqualTo(413);
            assertThat(tooMany.body()).isEqualTo("Transaction contains too many operations (3 > 2)");
            assertThat(http.get("/v1/kv/three/0").statusCode()).as("nothing of a refused txn is applied").isEqualTo(404);

            HttpResponse<String> two = http.put("/v1/txn", sets("two/", 2));
            assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
            assertThat(http.get("/v1/kv/two/1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutTheKeyConsulsSixtyFourStillHolds() throws Exception {
        try (TestAgent agent = TestAgent.start()) {
            Http http = new Http(agent.httpAddress());
            assertThat(http.put("/v1/txn", sets("d/", 64)).statusCode()).isEqualTo(200);
            HttpResponse<String> tooMany = http.put("/v1/txn", sets("e/", 65));
            assertThat(tooMany.statusCode()).isEqualTo(413);
            assertThat(tooMany.body()).isEqualTo("Transaction contains too many operations (65 > 64)");
        }
    }
}
