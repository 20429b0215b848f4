package io.consulate.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.testing.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.SessionClient;
import org.kiwiproject.consul.model.session.ImmutableSession;
import org.kiwiproject.consul.model.session.SessionInfo;
import org.kiwiproject.consul.util.LeaderElectionUtil;

/** Session, lock and leader-election flows through org.kiwiproject:consul-client, unmodified. */
class KiwiSessionLockTest {
    private static TestAgent agent;
    private static Consul consul;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        consul = Consul.builder().withUrl(agent.httpAddress()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        consul.destroy();
        agent.close();
    }

    private static String create(String name, String lockDelay) {
        return consul.sessionClient().createSession(ImmutableSession.builder().name(name).ttl("30s")
                .lockDelay(lockDelay).build()).getId();
    }

    @Test
    void sessionsAreCreatedRenewedListedAndDestroyed() {
        SessionClient sessions = consul.sessionClient();
        String id = create("kiwi", "0s");
        SessionInfo info = sessions.getSessionInfo(id).orElseThrow();
        assertThat(info.getId()).isEqualTo(id);
        assertThat(info.getName()).hasValue("kiwi");
        assertThat(info.getTtl()).hasValue("30s");
        assertThat(info.getBehavior()).isEqualTo("release");
        assertThat(info.getNode()).isEqualTo("test-node");
        assertThat(sessions.renewSession(id).orElseThrow().getId()).isEqualTo(id);
        assertThat(sessions.listSessions()).extracting(SessionInfo::getId).contains(id);
        sessions.destroySession(id);
        assertThat(sessions.getSessionInfo(id)).isEmpty();
        assertThat(sessions.listSessions()).extracting(SessionInfo::getId).doesNotContain(id);
        assertThatThrownBy(() -> sessions.renewSession(id)).isInstanceOf(ConsulException.class)
                .hasMessageContaining("404");
    }

    @Test
    void locksFollowTheHolder() {
        KeyValueClient kv = consul.keyValueClient();
        String a = create("a", "0s");
        String b = create("b", "0s");
        assertThat(kv.acquireLock("kiwi/lock", "a", a)).isTrue();
        assertThat(kv.getSession("kiwi/lock")).hasValue(a);
        assertThat(kv.acquireLock("kiwi/lock", "b", b)).isFalse();
        assertThat(kv.releaseLock("kiwi/lock", b)).isFalse();
        assertThat(kv.releaseLock("kiwi/lock", a)).isTrue();
        assertThat(kv.getSession("kiwi/lock")).isEmpty();
        assertThat(kv.getValue("kiwi/lock").orElseThrow().getLockIndex()).isEqualTo(1);
        assertThat(kv.acquireLock("kiwi/lock", "b", b)).isTrue();
        consul.sessionClient().destroySession(b);
        assertThat(kv.getSession("kiwi/lock")).isEmpty();
        assertThatThrownBy(() -> kv.acquireLock("kiwi/lock", "a", "11111111-2222-3333-4444-555555555555"))
                .isInstanceOf(ConsulException.class).hasMessageContaining("invalid session");
        consul.sessionClient().destroySession(a);
    }

    @Test
    void leaderElectionUtilElectsOneLeaderUntilItReleases() {
        LeaderElectionUtil first = new LeaderElectionUtil(consul);
        LeaderElectionUtil second = new LeaderElectionUtil(consul);
        assertThat(first.getLeaderInfoForService("payments")).isEmpty();
        assertThat(first.electNewLeaderForService("payments", "node-a")).hasValue("node-a");
        assertThat(second.electNewLeaderForService("payments", "node-b")).hasValue("node-a");
        assertThat(second.getLeaderInfoForService("payments")).hasValue("node-a");
        assertThat(first.releaseLockForService("payments")).isTrue();
        assertThat(second.getLeaderInfoForService("payments")).isEmpty();
        assertThat(second.electNewLeaderForService("payments", "node-b")).hasValue("node-b");
    }
}
