package io.consulate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private static final String S1 = "11111111-1111-1111-1111-111111111111";
    private static final String S2 = "22222222-2222-2222-2222-222222222222";

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StateStore store = new StateStore(clock);
    private final SessionStore sessions = store.sessions();

    @BeforeEach
    void registerNode() {
        registerNode(1, Check.PASSING);
    }

    private void registerNode(long idx, String serfStatus) {
        store.catalogRegister(idx, new Registration(new Node("", "n1", "10.0.0.1", "dc1", null, Map.of(), 0, 0),
                null, List.of(new Check("n1", "serfHealth", "Serf", serfStatus, "", "", "", "", null, "", null, 0, 0)),
                false));
    }

    private static Session session(String id, String behavior, long lockDelayNanos, String... checks) {
        return new Session(id, "s", "n1", List.of(checks), List.of(), lockDelayNanos, behavior, "", 0, 0);
    }

    private static Bytes v(String s) {
        return Bytes.copyOf(s.getBytes());
    }

    private AtomicInteger watch(Consumer<WatchSet> read) {
        WatchSet ws = new WatchSet();
        read.accept(ws);
        AtomicInteger fired = new AtomicInteger();
        store.watches().register(ws, fired::incrementAndGet);
        return fired;
    }

    @Test
    void createStampsIndexesAndListsByIdAndNode() {
        assertThat(sessions.create(5, session(S2, "release", 0, "serfHealth"))).isTrue();
        assertThat(sessions.create(6, session(S1, "release", 0))).isTrue();
        assertThat(sessions.list(null).value()).extracting(Session::id).containsExactly(S1, S2);
        assertThat(sessions.onNode("N1", null).value()).extracting(Session::id).containsExactly(S1, S2);
        assertThat(sessions.info(S2, null).value().createIndex()).isEqualTo(5);
        assertThat(sessions.list(null).index()).isEqualTo(6);
    }

    @Test
    void createIsRefusedForAnUnknownNodeOrAMissingOrCriticalCheck() {
        Session elsewhere = new Session(S1, "", "n2", List.of(), List.of(), 0, "release", "", 0, 0);
        assertThat(sessions.create(5, elsewhere)).isFalse();
        assertThat(sessions.createError("n2", List.of())).isEqualTo("Missing node registration");
        assertThat(sessions.createError("n1", List.of("nope"))).isEqualTo("Missing check 'nope' registration");
        registerNode(6, Check.CRITICAL);
        assertThat(sessions.createError("n1", List.of("serfHealth"))).isEqualTo("Check 'serfHealth' is in critical state");
        assertThat(sessions.create(7, session(S1, "release", 0, "serfHealth"))).isFalse();
        assertThat(sessions.list(null).value()).isEmpty();
    }

    @Test
    void acquireBumpsLockIndexOnlyForANewHolderAndAnotherSessionIsRefused() {
        sessions.create(2, session(S1, "release", 0));
        sessions.create(3, session(S2, "release", 0));
        assertThat(sessions.kvLock(4, "k", v("a"), 0, S1)).isTrue();
        assertThat(store.kvGet("k", null).value()).extracting(KvEntry::lockIndex, KvEntry::session).containsExactly(1L, S1);
        assertThat(sessions.kvLock(5, "k", v("b"), 0, S1)).isTrue();
        assertThat(store.kvGet("k", null).value().lockIndex()).isEqualTo(1);
        assertThat(sessions.kvLock(6, "k", v("c"), 0, S2)).isFalse();
        assertThat(store.kvGet("k", null).value().value()).isEqualTo(v("b"));
        assertThat(sessions.kvUnlock(7, "k", v("d"), 0, S2)).isFalse();
        assertThat(sessions.kvUnlock(8, "k", v("d"), 0, S1)).isTrue();
        KvEntry released = store.kvGet("k", null).value();
        assertThat(released.session()).isNull();
        assertThat(released.lockIndex()).isEqualTo(1);
        assertThat(sessions.kvLock(9, "k", v("e"), 0, S2)).isTrue();
        assertThat(store.kvGet("k", null).value().lockIndex()).isEqualTo(2);
        assertThat(sessions.kvLock(10, "other", v("e"), 0, "33333333-3333-3333-3333-333333333333")).isFalse();
    }

    @Test
    void plainSetOnAHeldKeyKeepsTheHolder() {
        sessions.create(2, session(S1, "release", 0));
        sessions.kvLock(3, "k", v("a"), 0, S1);
        store.kvSet(4, "k", v("b"), 0);
        assertThat(store.kvGet("k", null).value().session()).isEqualTo(S1);
    }

    @Test
    void destroyReleasesHeldKeysStartsLockDelayAndFiresOnlyTheTouchedTopics() {
        sessions.create(2, session(S1, "release", Duration.ofSeconds(15).toNanos()));
        sessions.create(3, session(S2, "release", 0));
        sessions.kvLock(4, "held", v("a"), 0, S1);
        sessions.kvLock(5, "other", v("a"), 0, S2);
        AtomicInteger heldKey = watch(ws -> store.kvGet("held", ws));
        AtomicInteger otherKey = watch(ws -> store.kvGet("other", ws));
        AtomicInteger info1 = watch(ws -> sessions.info(S1, ws));
        AtomicInteger info2 = watch(ws -> sessions.info(S2, ws));
        AtomicInteger list = watch(sessions::list);
        sessions.destroy(6, S1);
        assertThat(List.of(heldKey.get(), otherKey.get(), info1.get(), info2.get(), list.get()))
                .containsExactly(1, 0, 1, 0, 1);
        KvEntry e = store.kvGet("held", null).value();
        assertThat(e.session()).isNull();
        assertThat(e.modifyIndex()).isEqualTo(6);
        assertThat(sessions.lockDelays().active("held")).isTrue();
        assertThat(sessions.lockDelays().active("other")).isFalse();
        clock.now = clock.now.plusSeconds(15);
        assertThat(sessions.lockDelays().active("held")).isFalse();
        assertThat(sessions.destroy(7, S1)).isTrue();
        assertThat(sessions.list(null).index()).isEqualTo(6);
    }

    @Test
    void voluntaryReleaseStartsNoLockDelay() {
        sessions.create(2, session(S1, "release", Duration.ofSeconds(15).toNanos()));
        sessions.kvLock(3, "k", v("a"), 0, S1);
        sessions.kvUnlock(4, "k", v("a"), 0, S1);
        sessions.destroy(5, S1);
        assertThat(sessions.lockDelays().active("k")).isFalse();
    }

    @Test
    void behaviorDeleteDeletesHeldKeysLeavingTombstones() {
        sessions.create(2, session(S1, "delete", 0));
        sessions.kvLock(3, "a/x", v("1"), 0, S1);
        store.kvSet(4, "a/y", v("1"), 0);
        sessions.destroy(5, S1);
        assertThat(store.kvGet("a/x", null).value()).isNull();
        assertThat(store.kvList("a/", null).index()).isEqualTo(5);
        assertThat(store.kvGet("a/y", null).value()).isNotNull();
    }

    @Test
    void aKeyDeletedWhileHeldIsNotResurrectedByInvalidation() {
        sessions.create(2, session(S1, "release", 0));
        sessions.kvLock(3, "k", v("1"), 0, S1);
        store.kvDelete(4, "k");
        sessions.destroy(5, S1);
        assertThat(store.kvGet("k", null).value()).isNull();
    }

    @Test
    void aCheckTurningCriticalOrTheNodeGoingAwayInvalidatesItsSessions() {
        sessions.create(2, session(S1, "release", 0, "serfHealth"));
        sessions.create(3, session(S2, "release", 0));
        sessions.kvLock(4, "k", v("1"), 0, S1);
        registerNode(5, Check.CRITICAL);
        assertThat(sessions.get(S1)).isNull();
        assertThat(sessions.get(S2)).isNotNull();
        assertThat(store.kvGet("k", null).value().session()).isNull();
        store.catalogDeregister(6, "n1", "", ""); // the catalog change and the invalidation in one step
        assertThat(sessions.get(S2)).isNull();
    }

    @Test
    void snapshotCarriesSessionsAndHeldKeys() throws Exception {
        sessions.create(2, session(S1, "delete", 7));
        sessions.kvLock(3, "k", v("1"), 0, S1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotCodec.write(store.image(), out);
        StateStore restored = new StateStore(clock);
        restored.restore(SnapshotCodec.read(new ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.sessions().get(S1)).isEqualTo(sessions.get(S1));
        assertThat(restored.sessions().index()).isEqualTo(2);
        restored.sessions().destroy(4, S1);
        assertThat(restored.kvGet("k", null).value()).isNull();
    }
}
