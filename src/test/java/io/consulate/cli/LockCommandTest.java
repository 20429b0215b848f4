// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.lock.Mutex;
import io.consulate.lock.Semaphore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code consulate lock}'s flag checks and the exact requests its store sends (query strings and bodies, which
 * only a recording agent shows). Behaviour is tested against a real agent in {@link LockAgainstAgentTest}.
 */
class LockCommandTest {

    private static HttpFlags.Client clientOf(FakeAgent agent) {
        HttpFlags.Client client = new HttpFlags.Client();
        client.httpAddr = agent.address();
        client.token = "secret";
        return client;
    }

    private static HttpLockStore store(FakeAgent agent) throws ApiException {
        return new HttpLockStore(ApiTarget.resolve(clientOf(agent), new HttpFlags.Server(),
                new Terminal(System.out, System.err, System.in, java.util.Map.of())));
    }

    @Test
    void refusesMissingChildAndNonPositiveLimitBeforeCallingTheAgent() {
        assertThat(CliRun.run("lock", "-http-addr=127.0.0.1:1", "only-prefix"))
                .isEqualTo(new CliRun(1, "", "Key prefix and child command must be specified\n"));
        assertThat(CliRun.run("lock", "-http-addr=127.0.0.1:1", "-n=0", "p", "true"))
                .isEqualTo(new CliRun(1, "", "Lock holder limit must be positive\n"));
        assertThat(CliRun.run("lock", "-timeout=soon", "p", "true").exit()).isEqualTo(1);
    }

    @Test
    void unreachableAgentFailsSessionCreationWithExit1() throws Exception {
        CliRun run = CliRun.run("lock", "-http-addr=127.0.0.1:" + io.consulate.testing.TestAgent.freePort(),
                "p", "true");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("Lock acquisition failed: failed to create session: ");
    }

    @Test
    void sessionRequestsAreConsulsShape() throws Exception {
        try (FakeAgent agent = new FakeAgent().answer("/v1/session/create", 200, "{\"ID\":\"s-1\"}");
             HttpLockStore store = store(agent)) {
            assertThat(store.createSession("Consul lock for p", Duration.ofSeconds(15))).isEqualTo("s-1");
            assertThat(store.renewSession("s-1")).isTrue();
            store.destroySession("s-1");
            List<FakeAgent.Request> r = agent.requests();
            assertThat(r.get(0)).as("no LockDelay: the server's default, as consul lock")
                    .isEqualTo(new FakeAgent.Request("PUT", "/v1/session/create", null, "secret",
                    "{\"Name\":\"Consul lock for p\",\"TTL\":\"15s\",\"Behavior\":\"release\"}"));
            assertThat(r.get(1)).extracting(FakeAgent.Request::method, FakeAgent.Request::rawPath)
                    .containsExactly("PUT", "/v1/session/renew/s-1");
            assertThat(r.get(2)).isEqualTo(new FakeAgent.Request("PUT", "/v1/session/destroy/s-1", null, "secret",
                    ""));
        }
    }

    @Test
    void aGivenLockDelayIsSentWithTheSession() throws Exception {
        try (FakeAgent agent = new FakeAgent().answer("/v1/session/create", 200, "{\"ID\":\"s-1\"}");
             HttpLockStore store = new HttpLockStore(ApiTarget.resolve(clientOf(agent), new HttpFlags.Server(),
                     new Terminal(System.out, System.err, System.in, java.util.Map.of())), Duration.ofSeconds(1))) {
            store.createSession("n", Duration.ofSeconds(15));
            assertThat(agent.requests().get(0).body())
                    .isEqualTo("{\"Name\":\"n\",\"TTL\":\"15s\",\"Behavior\":\"release\",\"LockDelay\":\"1000ms\"}");
        }
    }

    @Test
    void kvRequestsCarryUnsignedFlagsAcquireReleaseCasAndBlockingParameters() throws Exception {
        try (FakeAgent agent = new FakeAgent(); HttpLockStore store = store(agent)) {
            assertThat(store.acquire("p/.lock", new byte[0], Mutex.FLAGS, "s-1")).isTrue();
            store.release("p/s-1", "v".getBytes(StandardCharsets.UTF_8), Semaphore.FLAGS, "s-1");
            store.cas("p/.lock", new byte[0], Semaphore.FLAGS, 42);
            store.get("p/.lock", 7, Duration.ofSeconds(15));
            store.list("p/", 0, Duration.ofSeconds(15));
            store.deleteCas("p/.lock", 9);
            List<FakeAgent.Request> r = agent.requests();
            assertThat(r.get(0).rawQuery()).isEqualTo("flags=3304740253564472344&acquire=s-1");
            assertThat(r.get(1).rawQuery()).isEqualTo("flags=16210313421097356768&release=s-1");
            assertThat(r.get(1).body()).isEqualTo("v");
            assertThat(r.get(2).rawQuery()).isEqualTo("flags=16210313421097356768&cas=42");
            assertThat(r.get(3)).extracting(FakeAgent.Request::method, FakeAgent.Request::rawQuery)
                    .containsExactly("GET", "index=7&wait=15000ms");
            assertThat(r.get(4).rawQuery()).isEqualTo("recurse");
            assertThat(r.get(5)).extracting(FakeAgent.Request::method, FakeAgent.Request::rawQuery)
                    .containsExactly("DELETE", "cas=9");
        }
    }
}
