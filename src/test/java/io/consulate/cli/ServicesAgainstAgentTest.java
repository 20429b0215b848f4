// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code services register} and {@code services deregister} end to end against a real in-process agent. */
class ServicesAgainstAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static String addr;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        addr = agent.httpAddress();
        http = new Http(addr);
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static CliRun cli(String... commandThenArgs) {
        return CliRun.against(addr, commandThenArgs);
    }

    private static JsonNode agentService(String id) throws Exception {
        var r = http.get("/v1/agent/service/" + id);
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    @Test
    void registerByFlagsSetsEveryGivenField() throws Exception {
        CliRun run = cli("services", "register", "-name=flagged", "-id=flagged-1", "-address=10.0.0.7",
                "-port=8080", "-tag=v1", "-tag=blue", "-meta=env=prod", "-meta=rack=r1=x");

        assertThat(run).isEqualTo(new CliRun(0, "Registered service: flagged\n", ""));
        JsonNode s = agentService("flagged-1");
        assertThat(s.path("Service").asText()).isEqualTo("flagged");
        assertThat(s.path("Address").asText()).isEqualTo("10.0.0.7");
        assertThat(s.path("Port").asInt()).isEqualTo(8080);
        assertThat(s.path("Tags").toString()).isEqualTo("[\"v1\",\"blue\"]");
        assertThat(s.path("Meta")).isEqualTo(JSON.readTree("{\"env\":\"prod\",\"rack\":\"r1=x\"}"));
    }

    @Test
    void registerFromAJsonFileWithServicesListAndCheck(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("svcs.json"), """
                {"services": [
                  {"id": "json-a", "name": "json-svc", "port": 81, "tags": ["a"],
                   "check": {"ttl": "30s", "status": "passing"}},
                  {"name": "json-other", "enable_tag_override": true}
                ]}
                """);

        CliRun run = cli("services", "register", file.toString());

        assertThat(run).isEqualTo(new CliRun(0, "Registered service: json-svc\nRegistered service: json-other\n", ""));
        assertThat(agentService("json-a").path("Port").asInt()).isEqualTo(81);
        assertThat(agentService("json-other").path("EnableTagOverride").asBoolean()).isTrue();
        JsonNode checks = JSON.readTree(http.get("/v1/agent/checks").body());
        assertThat(checks.path("service:json-a").path("Status").asText()).isEqualTo("passing");
    }

    @Test
    void registerFromAnHclFileAddsFlagTagsAndMeta(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("web.hcl"), """
                service {
                  name = "hcl-web"
                  port = 9000
                  tags = ["primary"]
                  meta = { version = "1" }
                }
                """);

        CliRun run = cli("services", "register", "-tag=extra", "-meta=zone=a", "-address=127.0.0.9", file.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode s = agentService("hcl-web");
        assertThat(s.path("Tags").toString()).isEqualTo("[\"primary\",\"extra\"]");
        assertThat(s.path("Meta").path("version").asText()).isEqualTo("1");
        assertThat(s.path("Meta").path("zone").asText()).isEqualTo("a");
        assertThat(s.path("Address").asText()).isEqualTo("127.0.0.9");
        assertThat(s.path("Port").asInt()).isEqualTo(9000);
    }

    @Test
    void registerFromAnHclServiceWithTwoCheckBlocksRegistersBoth(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("two.hcl"), """
                service {
                  id = "two-checks"
                  name = "two"
                  check {
                    id = "two-ttl-a"
                    ttl = "30s"
                    status = "passing"
                  }
                  check {
                    id = "two-ttl-b"
                    ttl = "30s"
                    status = "warning"
                  }
                }
                """);

        CliRun run = cli("services", "register", file.toString());

        assertThat(run).isEqualTo(new CliRun(0, "Registered service: two\n", ""));
        JsonNode checks = JSON.readTree(http.get("/v1/agent/checks").body());
        assertThat(checks.path("two-ttl-a").path("Status").asText()).isEqualTo("passing");
        assertThat(checks.path("two-ttl-b").path("Status").asText()).isEqualTo("warning");
        assertThat(checks.path("two-ttl-b").path("ServiceID").asText()).isEqualTo("two-checks");
    }

    @Test
    void deregisterByIdAndByFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gone.json"), "{\"service\": {\"name\": \"gone-by-file\"}}");
        cli("services", "register", file.toString());
        cli("services", "register", "-name=gone-by-id");

        assertThat(cli("services", "deregister", "-id=gone-by-id"))
                .isEqualTo(new CliRun(0, "Deregistered service: gone-by-id\n", ""));
        assertThat(cli("services", "deregister", file.toString()))
                .isEqualTo(new CliRun(0, "Deregistered service: gone-by-file\n", ""));
        assertThat(agentService("gone-by-id")).isNull();
        assertThat(agentService("gone-by-file")).isNull();
    }

    @Test
    void deregisterOfAnUnknownIdReportsTheAgentsAnswer() {
        CliRun run = cli("services", "deregister", "-id=never-registered");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error registering service \"\": Unexpected response code: 404 (");
    }

    @Test
    void registerWithoutFileOrNameIsRefused() {
        assertThat(cli("services", "register", "-port=80")).isEqualTo(
                new CliRun(1, "", "Service registration requires at least one argument or flags.\n"));
    }

    @Test
    void registerWithFileAndNameIsRefused() {
        assertThat(cli("services", "register", "-name=x", "f.json")).isEqualTo(
                new CliRun(1, "", "Service registration requires arguments or -id, not both.\n"));
    }

    @Test
    void deregisterWithoutIdOrFileAndWithBothIsRefused() {
        assertThat(cli("services", "deregister")).isEqualTo(
                new CliRun(1, "", "Service deregistration requires at least one argument or -id.\n"));
        assertThat(cli("services", "deregister", "-id=x", "f.json")).isEqualTo(
                new CliRun(1, "", "Service deregistration requires arguments or -id, not both.\n"));
    }

    @Test
    void metaWithoutEqualsIsGosFlagError() {
        CliRun run = cli("services", "register", "-name=x", "-meta=novalue");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith(
                "invalid value \"novalue\" for flag -meta: Missing \"=\" value in argument: novalue\n");
        assertThat(run.err()).contains("Usage: consulate services register");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();

        CliRun run = cli("services", "register", missing);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: ").contains(missing);
    }

    @Test
    void malformedJsonAndHclFilesAreErrorsWithTheirPosition(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("bad.json"), "{\"service\": {\"name\": ");
        Path hcl = Files.writeString(dir.resolve("bad.hcl"), "service {\n  name = \n");

        CliRun badJson = cli("services", "register", json.toString());
        CliRun badHcl = cli("services", "register", hcl.toString());

        assertThat(badJson.exit()).isEqualTo(1);
        assertThat(badJson.err()).startsWith("Error: ").contains(json.toString());
        assertThat(badHcl.exit()).isEqualTo(1);
        assertThat(badHcl.err()).startsWith("Error: ").contains(hcl.toString());
    }

    @Test
    void aFileWithAnUnknownExtensionOrUnknownKeyIsRefused(@TempDir Path dir) throws Exception {
        Path txt = Files.writeString(dir.resolve("svc.txt"), "{}");
        Path unknown = Files.writeString(dir.resolve("svc.json"), "{\"servicez\": {\"name\": \"x\"}}");

        assertThat(cli("services", "register", txt.toString()).err()).contains("unknown extension");
        assertThat(cli("services", "register", unknown.toString()).err()).contains("servicez");
    }

    @Test
    void aServiceWithoutNameIsTheAgentsRefusal(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("noname.json"), "{\"service\": {\"port\": 80}}");

        CliRun run = cli("services", "register", file.toString());

        assertThat(run).isEqualTo(new CliRun(1, "",
                "Error registering service \"\": Unexpected response code: 400 (Missing service name)\n"));
    }

    @Test
    void anUnreachableAgentIsReported() throws Exception {
        int port = TestAgent.freePort();

        CliRun run = CliRun.against("127.0.0.1:" + port, "services", "register", "-name=x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("connection refused");
    }

    @Test
    void aBadTaggedAddressIsRefused() {
        assertThat(cli("services", "register", "-name=x", "-tagged-address=lan=nohost")).isEqualTo(
                new CliRun(1, "", "Invalid Tagged Address: address nohost: missing port in address\n"));
    }
}
