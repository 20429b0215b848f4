// SPDX-License-Identifier: Apache-2.0
package io.consulate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consulate.event.EventIndex;
import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event endpoints over real HTTP against a dev agent named {@code test-node}. */
class EventEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
        assertThat(http.put("/v1/agent/service/register",
                "{\"Name\":\"web\",\"ID\":\"web1\",\"Tags\":[\"v1\",\"blue\"],\"Port\":80}").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static List<String> listedIds(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        json(http.get("/v1/event/list" + query)).forEach(e -> ids.add(e.get("ID").asText()));
        return ids;
    }

    private static String fire(String pathAndQuery, String body) throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/" + pathAndQuery, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("ID").asText();
    }

    @Test
    void fireAnswersWithExactlyConsulsEightFieldsAndLTimeZero() throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/deploy-fields?node=test.*&service=web&tag=v1", "v1.2.3");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode e = json(r);
        List<String> names = new ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("ID", "Name", "Payload", "NodeFilter", "ServiceFilter", "TagFilter",
                "Version", "LTime");
        assertThat(e.get("Name").asText()).isEqualTo("deploy-fields");
        assertThat(new String(Base64.getDecoder().decode(e.get("Payload").asText()), StandardCharsets.UTF_8))
                .isEqualTo("v1.2.3");
        assertThat(e.get("NodeFilter").asText()).isEqualTo("test.*");
        assertThat(e.get("ServiceFilter").asText()).isEqualTo("web");
        assertThat(e.get("TagFilter").asText()).isEqualTo("v1");
        assertThat(e.get("Version").asInt()).isEqualTo(1);
        assertThat(e.get("LTime").asLong()).isZero();
        assertThat(e.get("ID").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void emptyBodyIsANullPayload() throws Exception {
        JsonNode e = json(http.put("/v1/event/fire/no-payload", ""));
        assertThat(e.get("Payload").isNull()).isTrue();
    }

    @Test
    void listIsOldestFirstWithRisingLTimeAndTheNewestEventsIndex() throws Exception {
        String a = fire("ordered", "1");
        String b = fire("ordered", "2");
        HttpResponse<String> r = http.get("/v1/event/list?name=ordered");
        JsonNode list = json(r);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("ID").asText()).isEqualTo(a);
        assertThat(list.get(1).get("ID").asText()).isEqualTo(b);
        assertThat(list.get(1).get("LTime").asLong()).isGreaterThan(list.get(0).get("LTime").asLong());
        assertThat(list.get(0).get("LTime").asLong()).isPositive();
        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue(Long.toUnsignedString(EventIndex.of(b)));
    }

    @Test
    void nameFilterKeepsOnlyThatName() throws Exception {
        String mine = fire("only-this", "");
        fire("not-this", "");
        assertThat(listedIds("?name=only-this")).containsExactly(mine);
    }

    @Test
    void noMatchingEventIsAnEmptyListWithIndexOne() throws Exception {
        HttpResponse<String> r = http.get("/v1/event/list?name=never-fired");
        assertThat(r.body()).isEqualTo("[]");
        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue("1");
    }

    @Test
    void blockingListWakesWhenAMatchingEventArrives() throws Exception {
        fire("block-me", "old");
        String index = http.get("/v1/event/list?name=block-me").headers().firstValue("X-Consul-Index").orElseThrow();
        CompletableFuture<HttpResponse<String>> parked = http.getAsync("/v1/event/list?name=block-me&wait=20s&index="
                + index);
        org.awaitility.Awaitility.await().until(() -> agent.agent().eventWaiters() > 0);
        assertThat(parked).isNotDone();
        String fresh = fire("block-me", "new");
        HttpResponse<String> r = parked.get(10, TimeUnit.SECONDS);
        JsonNode list = json(r);
        assertThat(list.get(list.size() - 1).get("ID").asText()).isEqualTo(fresh);
        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue(Long.toUnsignedString(EventIndex.of(fresh)));
    }

    @Test
    void blockingListAnswersWithTheSameIndexWhenTheWaitEnds() throws Exception {
        String only = fire("quiet", "");
        String index = Long.toUnsignedString(EventIndex.of(only));
        HttpResponse<String> r = http.get("/v1/event/list?name=quiet&wait=50ms&index=" + index);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Consul-Index")).hasValue(index);
    }

    @Test
    void blockingListWithAStaleIndexAnswersAtOnce() throws Exception {
        fire("stale-index", "");
        HttpResponse<String> r = http.get("/v1/event/list?name=stale-index&wait=30s&index=12345");
        assertThat(json(r)).hasSize(1);
    }

    @Test
    void nodeFilterThatExcludesThisNodeIsAcceptedButNotListed() throws Exception {
        fire("by-node?node=other-node", "");
        String kept = fire("by-node?node=%5Etest-", "");
        assertThat(listedIds("?name=by-node")).containsExactly(kept);
    }

    @Test
    void serviceAndTagFiltersMatchLocalServices() throws Exception {
        String web = fire("by-svc?service=we.", "");
        fire("by-svc?service=db", "");
        String tagged = fire("by-svc?service=web&tag=%5Eblue%24", "");
        fire("by-svc?service=web&tag=green", "");
        assertThat(listedIds("?name=by-svc")).containsExactly(web, tagged);
    }

    @Test
    void tagFilterWithoutServiceFilterIsRefused() throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/x?tag=v1", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Cannot provide tag filter without service filter");
    }

    @Test
    void malformedFilterRegexIsRefused() throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/x?node=%28unclosed", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("Invalid node filter: ");
        assertThat(http.put("/v1/event/fire/x?service=a%5B", "").statusCode()).isEqualTo(400);
    }

    @Test
    void missingNameIsRefused() throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Missing name");
    }

    @Test
    void eventsOverTheSizeLimitAreRefusedWith413() throws Exception {
        String name = "sized";
        String fits = "x".repeat(512 - name.length());
        assertThat(http.put("/v1/event/fire/" + name, fits).statusCode()).isEqualTo(200);
        HttpResponse<String> r = http.put("/v1/event/fire/" + name, fits + "x");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("512 bytes");
        assertThat(http.put("/v1/event/fire/" + name, "y".repeat(100_000)).statusCode()).isEqualTo(413);
    }

    @Test
    void anotherDatacenterHasNoPath() throws Exception {
        HttpResponse<String> r = http.put("/v1/event/fire/x?dc=dc9", "");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("No path to datacenter");
        assertThat(http.put("/v1/event/fire/x?dc=DC1", "").statusCode()).isEqualTo(200); // as the catalog does
    }

    @Test
    void wrongMethodIs405() throws Exception {
        assertThat(http.get("/v1/event/fire/x").statusCode()).isEqualTo(405);
        assertThat(http.put("/v1/event/list", "").statusCode()).isEqualTo(405);
    }

    @Test
    void theAgentKeepsOnlyTheNewest256Events() throws Exception {
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            fired.add(fire("ring", Integer.toString(i)));
        }
        List<String> all = listedIds("");
        assertThat(all).hasSize(256);
        assertThat(all.subList(all.size() - 252, all.size())).isEqualTo(fired.subList(8, 260));
        assertThat(listedIds("?name=ring")).doesNotContain(fired.get(0), fired.get(3));
    }
}
