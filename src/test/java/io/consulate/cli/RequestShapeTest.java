// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact HTTP requests the commands send, checked against a recording stand-in agent. */
class RequestShapeTest {
    private FakeAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new FakeAgent();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void tokenFlagIsSentAsTheConsulTokenHeader() {
        agent.otherwise(200, "[]");

        CliRun.against(agent.address(), "kv", "get", "-token=secret", "-recurse", "x");

        assertThat(agent.onlyRequest().token()).isEqualTo("secret");
    }

    @Test
    void tokenFromTheEnvironmentIsSentWhenNoFlagIsGiven() {
        agent.otherwise(200, "[]");

        CliRun.withEnv(Map.of("CONSUL_HTTP_ADDR", agent.address(), "CONSUL_HTTP_TOKEN", "env-token"),
                "kv", "export", "x");

        assertThat(agent.onlyRequest().token()).isEqualTo("env-token");
    }

    @Test
    void datacenterAndStaleBecomeQueryParametersOnReads() {
        agent.otherwise(200, "[]");

        CliRun.against(agent.address(), "kv", "get", "-datacenter=dc2", "-stale", "-recurse", "app");

        assertThat(agent.onlyRequest().rawQuery()).isEqualTo("recurse&dc=dc2&stale");
    }

    @Test
    void writesCarryTheDatacenterButNeverStale() {
        CliRun.against(agent.address(), "kv", "put", "-datacenter=dc2", "-stale", "k", "v");

        assertThat(agent.onlyRequest().rawQuery()).isEqualTo("dc=dc2");
    }

    @Test
    void keysArePercentEncodedSegmentBySegment() {
        agent.otherwise(404, "");

        CliRun r = CliRun.against(agent.address(), "kv", "get", "a b/c?d#e/ü");

        assertThat(agent.onlyRequest().rawPath()).isEqualTo("/v1/kv/a%20b/c%3Fd%23e/%C3%BC");
        assertThat(r.err()).isEqualTo("Error! No key exists at: a b/c?d#e/ü\n");
    }

    @Test
    void casPutSendsFlagsAndIndexWithTheRawValueAsBody() {
        CliRun r = CliRun.against(agent.address(), "kv", "put", "-cas", "-modify-index=7", "-flags=3", "k", "v1");

        FakeAgent.Request req = agent.onlyRequest();
        assertThat(req.method()).isEqualTo("PUT");
        assertThat(req.rawQuery()).isEqualTo("flags=3&cas=7");
        assertThat(req.body()).isEqualTo("v1");
        assertThat(r).isEqualTo(new CliRun(0, "Success! Data written to: k\n", ""));
    }

    @Test
    void rejectedCasWriteExits1WithConsulsMessages() {
        agent.otherwise(200, "false");

        assertThat(CliRun.against(agent.address(), "kv", "put", "-cas", "-modify-index=7", "k", "v"))
                .isEqualTo(new CliRun(1, "", "Error! Did not write to k: CAS failed\n"));
        assertThat(CliRun.against(agent.address(), "kv", "put", "-cas", "k", "v"))
                .isEqualTo(new CliRun(1, "", "Error! Did not write to k: CAS performed with index=0 and key already exists.\n"));
    }

    @Test
    void acquireAndReleaseSendTheSessionAndReportTheOutcome() {
        CliRun acquired = CliRun.against(agent.address(), "kv", "put", "-acquire", "-session=s1", "lock", "me");
        agent.otherwise(200, "false");
        CliRun notReleased = CliRun.against(agent.address(), "kv", "put", "-release", "-session=s1", "lock");

        assertThat(agent.requests()).extracting(FakeAgent.Request::rawQuery)
                .containsExactly("acquire=s1", "release=s1");
        assertThat(acquired).isEqualTo(new CliRun(0, "Success! Lock acquired on: lock\n", ""));
        assertThat(notReleased).isEqualTo(new CliRun(1, "", "Error! Did not release lock\n"));
    }

    @Test
    void keyStartingWithSlashIsRefusedWithoutARequest() {
        CliRun r = CliRun.against(agent.address(), "kv", "put", "/abs", "v");

        assertThat(r).isEqualTo(new CliRun(1, "",
                "Error! Failed writing data: Invalid key. Key must not begin with a '/': /abs\n"));
        assertThat(agent.requests()).isEmpty();
    }

    @Test
    void agentErrorsAreReportedWithStatusAndReason() {
        agent.otherwise(500, "boom\n");

        CliRun r = CliRun.against(agent.address(), "kv", "get", "k");

        assertThat(r).isEqualTo(new CliRun(1, "", "Error querying Consul agent: Unexpected response code: 500 (boom)\n"));
    }

    @Test
    void deleteVariantsUseRecurseAndCasParameters() {
        CliRun.against(agent.address(), "kv", "delete", "-recurse", "/tree/");
        CliRun.against(agent.address(), "kv", "delete", "-cas", "-modify-index=9", "leaf");

        assertThat(agent.requests()).extracting(FakeAgent.Request::method).containsOnly("DELETE");
        assertThat(agent.requests()).extracting(r -> r.rawPath() + "?" + r.rawQuery())
                .containsExactly("/v1/kv/tree/?recurse", "/v1/kv/leaf?cas=9");
    }

    @Test
    void importJoinsThePrefixAndKeepsDirectoryKeysTrailingSlash() {
        String doc = "[{\"key\":\"a\",\"flags\":5,\"value\":\"eA==\"},{\"key\":\"dir/\",\"flags\":0,\"value\":\"\"}]";

        CliRun r = CliRun.run(Map.of(), doc.getBytes(StandardCharsets.UTF_8),
                CliRun.withAddr(agent.address(), "kv", "import", "-prefix=base/", "-"));

        assertThat(r).isEqualTo(new CliRun(0, "Imported: base/a\nImported: base/dir/\n", ""));
        assertThat(agent.requests())
                .extracting(q -> q.rawPath() + (q.rawQuery() == null ? "" : "?" + q.rawQuery()) + " " + q.body())
                .containsExactly("/v1/kv/base/a?flags=5 x", "/v1/kv/base/dir/ ");
    }

    @Test
    void membersPassesWanSegmentAndFilter() {
        agent.otherwise(200, "[]");

        CliRun r = CliRun.against(agent.address(), "members", "-wan", "-segment=alpha", "-filter=Name == x");

        assertThat(agent.onlyRequest().rawPath()).isEqualTo("/v1/agent/members");
        assertThat(agent.onlyRequest().rawQuery()).isEqualTo("segment=alpha&wan=1&filter=Name+%3D%3D+x");
        assertThat(r).isEqualTo(new CliRun(2, "", ""));
    }

    @Test
    void exportOfAnEmptyPrefixPrintsAnEmptyArray() {
        agent.otherwise(404, "");

        assertThat(CliRun.against(agent.address(), "kv", "export", "none")).isEqualTo(new CliRun(0, "[]\n", ""));
    }
}
