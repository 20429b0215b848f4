// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consulate watch} and {@code consulate event} end to end against a real in-process agent. Without a
 * handler, each watch type prints its view once as indented JSON (the JSON the HTTP API gives) and exits 0.
 */
class WatchAndEventCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        register("{\"ID\":\"wt-api-1\",\"Name\":\"wt-api\",\"Tags\":[\"blue\"],\"Port\":1,"
                + "\"Check\":{\"CheckID\":\"wt-ok\",\"TTL\":\"10m\",\"Status\":\"passing\"}}");
        register("{\"ID\":\"wt-api-2\",\"Name\":\"wt-api\",\"Tags\":[\"green\"],\"Port\":2,"
                + "\"Check\":{\"CheckID\":\"wt-down\",\"TTL\":\"10m\",\"Status\":\"critical\"}}");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> JSON.readTree(http.get("/v1/health/checks/wt-api").body()).size() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static CliRun cli(String... commandThenArgs) {
        return CliRun.against(agent.httpAddress(), commandThenArgs);
    }

    private static void put(String key, String value) throws Exception {
        assertThat(http.put("/v1/kv/" + key, value).statusCode()).isEqualTo(200);
    }

    @Test
    void keyWatchWithoutHandlerPrintsTheKvPairOnceAsIndentedJson() throws Exception {
        put("cliwatch/k", "hello");
        CliRun run = cli("watch", "-type=key", "-key=cliwatch/k");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\n    \"Key\": \"cliwatch/k\",\n    \"CreateIndex\": ")
                .contains("    \"Value\": \"aGVsbG8=\",\n    \"Session\": \"\"\n}\n");
    }

    @Test
    void nodesWatchPrintsTheCatalogNodes() throws Exception {
        CliRun run = cli("watch", "-type=nodes");
        assertThat(run.exit()).isZero();
        assertThat(JSON.readTree(run.out()).get(0).get("Node").asText()).isEqualTo("test-node");
    }

    @Test
    void scriptHandlerGetsEachChangeOnStdinWithConsulIndexAndAFailingRunExits2(@TempDir Path dir)
            throws Exception {
        put("cliwatch/s", "v1");
        Path log = dir.resolve("log");
        String script = "cat >> " + log + "; echo \"index=$CONSUL_INDEX\" >> " + log
                + "; [ $(grep -c index= " + log + ") -lt 3 ]";
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> cli("watch", "-type=key", "-key=cliwatch/s", script));
        await().atMost(Duration.ofSeconds(20)).until(() -> runs(log) == 1);
        put("cliwatch/s", "v2");
        await().atMost(Duration.ofSeconds(20)).until(() -> runs(log) == 2);
        put("cliwatch/s", "v3");
        CliRun done = run.get(20, TimeUnit.SECONDS);
        assertThat(done.exit()).isEqualTo(2);
        assertThat(done.err()).isEqualTo("Error executing handler: exit status 1\n");
        List<String> lines = Files.readAllLines(log);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            JsonNode kv = JSON.readTree(lines.get(i));
            values.add(new String(Base64.getDecoder().decode(kv.get("Value").asText()), StandardCharsets.UTF_8));
            assertThat(lines.get(i + 1)).isEqualTo("index=" + kv.get("ModifyIndex").asLong());
        }
        assertThat(values).containsExactly("v1", "v2", "v3");
    }

    private static long runs(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("index=")).count() : 0;
    }

    @Test
    void watchRefusesAMissingOrUnknownTypeAndMissingParameters() {
        assertThat(cli("watch")).isEqualTo(new CliRun(1, "", "Error: Watch type must be specified\n"));
        assertThat(cli("watch", "-type=bogus")).isEqualTo(new CliRun(1, "", "Error: Unsupported watch type: bogus\n"));
        assertThat(cli("watch", "-type=key")).isEqualTo(new CliRun(1, "", "Error: Must specify a single key to watch\n"));
    }

    @Test
    void watchAgainstNoAgentExits1() throws Exception {
        CliRun run = CliRun.against("127.0.0.1:" + TestAgent.freePort(), "watch", "-type=services");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error querying Consul agent: ");
    }

    @Test
    void eventFiresWithFiltersAndPayloadAndPrintsItsId() throws Exception {
        CliRun run = cli("event", "-name=cli-deploy", "-node=test.*", "payload-1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).matches("Event ID: [0-9a-f-]{36}\n");
        String id = run.out().substring("Event ID: ".length()).strip();
        JsonNode listed = JSON.readTree(http.get("/v1/event/list?name=cli-deploy").body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("ID").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("NodeFilter").asText()).isEqualTo("test.*");
        assertThat(Base64.getDecoder().decode(listed.get(0).get("Payload").asText()))
                .isEqualTo("payload-1".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventRefusesBadFlagsBeforeSending() {
        assertThat(cli("event")).isEqualTo(new CliRun(1, "", "Event name must be specified\n"));
        assertThat(cli("event", "-name=x", "-tag=a"))
                .isEqualTo(new CliRun(1, "", "Cannot provide tag filter without service filter.\n"));
        CliRun badRegex = cli("event", "-name=x", "-node=(");
        assertThat(badRegex.exit()).isEqualTo(1);
        assertThat(badRegex.err()).startsWith("Failed to compile node filter regexp: ");
        // Java's regex accepts lookahead; Go's (which the agent applies) does not, so the CLI refuses it too.
        assertThat(cli("event", "-name=x", "-service=a(?=b)").err())
                .startsWith("Failed to compile service filter regexp: ");
        assertThat(cli("event", "-name=x", "a", "b"))
                .isEqualTo(new CliRun(1, "", "Too many command line arguments.\n"));
    }

    private static void register(String service) throws Exception {
        assertThat(http.put("/v1/agent/service/register", service).statusCode()).isEqualTo(200);
    }

    /** Runs {@code consulate watch ARGS}, expects exit 0 and returns the printed JSON. */
    private static JsonNode watchOnce(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("watch"));
        all.addAll(List.of(args));
        CliRun run = CliRun.against(agent.httpAddress(), all.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).as("indented as Consul prints it").contains("\n    ");
        return JSON.readTree(run.out());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.at(field).asText()));
        return out;
    }

    @Test
    void keyprefixPrintsEveryPairUnderThePrefixOnly() throws Exception {
        assertThat(http.put("/v1/kv/wtp/a", "1").statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/kv/wtp/sub/b", "2").statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/kv/wtpx", "other").statusCode()).isEqualTo(200);

        JsonNode pairs = watchOnce("-type=keyprefix", "-prefix=wtp/");

        assertThat(texts(pairs, "/Key")).containsExactly("wtp/a", "wtp/sub/b");
        assertThat(pairs.get(1).get("Value").asText()).isEqualTo(b64("2"));
    }

    @Test
    void servicesPrintsEachServiceNameWithItsTags() throws Exception {
        JsonNode services = watchOnce("-type=services");

        assertThat(services).isEqualTo(JSON.readTree(http.get("/v1/catalog/services").body()));
        assertThat(services.has("consul")).isTrue();
        assertThat(texts(services.get("wt-api"), "")).containsExactlyInAnyOrder("blue", "green");
    }

    @Test
    void servicePrintsTheHealthEntriesOfOneServiceFilteredByTagAndPassing() throws Exception {
        assertThat(texts(watchOnce("-type=service", "-service=wt-api"), "/Service/ID"))
                .containsExactlyInAnyOrder("wt-api-1", "wt-api-2");
        assertThat(texts(watchOnce("-type=service", "-service=wt-api", "-tag=green"), "/Service/ID"))
                .containsExactly("wt-api-2");
        JsonNode passing = watchOnce("-type=service", "-service=wt-api", "-passingonly");
        assertThat(texts(passing, "/Service/ID")).containsExactly("wt-api-1");
        assertThat(texts(passing.get(0).get("Checks"), "/CheckID")).contains("wt-ok");
    }

    @Test
    void checksPrintsOneServicesChecksOrTheChecksInAState() throws Exception {
        assertThat(texts(watchOnce("-type=checks", "-service=wt-api"), "/CheckID"))
                .containsExactlyInAnyOrder("wt-ok", "wt-down");
        assertThat(texts(watchOnce("-type=checks", "-state=critical"), "/CheckID"))
                .contains("wt-down").doesNotContain("wt-ok");
        assertThat(texts(watchOnce("-type=checks"), "/CheckID")).as("any state by default")
                .contains("wt-ok", "wt-down");
    }

    @Test
    void eventPrintsTheFiredEventsOfTheGivenName() throws Exception {
        assertThat(http.put("/v1/event/fire/wt-deploy", "build-7").statusCode()).isEqualTo(200);
        assertThat(http.put("/v1/event/fire/wt-other", "").statusCode()).isEqualTo(200);

        JsonNode events = watchOnce("-type=event", "-name=wt-deploy");

        assertThat(texts(events, "/Name")).containsExactly("wt-deploy");
        assertThat(events.get(0).get("Payload").asText()).isEqualTo(b64("build-7"));
        assertThat(texts(watchOnce("-type=event"), "/Name")).contains("wt-deploy", "wt-other");
    }

    @Test
    void eachTypeRefusesTheParametersItCannotDoWithout() {
        assertThat(CliRun.against(agent.httpAddress(), "watch", "-type=keyprefix"))
                .isEqualTo(new CliRun(1, "", "Error: Must specify a single prefix to watch\n"));
        assertThat(CliRun.against(agent.httpAddress(), "watch", "-type=service"))
                .isEqualTo(new CliRun(1, "", "Error: Must specify a single service to watch\n"));
        assertThat(CliRun.against(agent.httpAddress(), "watch", "-type=checks", "-service=a", "-state=any"))
                .isEqualTo(new CliRun(1, "", "Error: Cannot specify service and state\n"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
