package io.consulate.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateStoreKvTest {
    private final StateStore store = new StateStore();

    private static Bytes v(String s) {
        return Bytes.copyOf(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Registers a waiter on what {@code read} touched and counts how often it fires. */
    private AtomicInteger watch(java.util.function.Consumer<WatchSet> read) {
        WatchSet ws = new WatchSet();
        read.accept(ws);
        AtomicInteger fired = new AtomicInteger();
        store.watches().register(ws, fired::incrementAndGet);
        return fired;
    }

    @Test
    void setThenGetCarriesCreateAndModifyIndexes() {
        store.kvSet(3, "a", v("1"), 42);
        store.kvSet(5, "a", v("2"), 42);
        Indexed<KvEntry> got = store.kvGet("a", null);
        assertThat(got.index()).isEqualTo(5);
        assertThat(got.value().createIndex()).isEqualTo(3);
        assertThat(got.value().modifyIndex()).isEqualTo(5);
        assertThat(got.value().flags()).isEqualTo(42);
        assertThat(got.value().value()).isEqualTo(v("2"));
    }

    @Test
    void identicalWriteDoesNotBumpModifyIndexOrWakeWatchers() {
        store.kvSet(3, "a", v("1"), 0);
        AtomicInteger fired = watch(ws -> store.kvGet("a", ws));
        store.kvSet(4, "a", v("1"), 0);
        assertThat(store.kvGet("a", null).value().modifyIndex()).isEqualTo(3);
        assertThat(fired).hasValue(0);
    }

    @Test
    void emptyValueIsStoredAsNull() {
        store.kvSet(1, "e", Bytes.EMPTY, 0);
        assertThat(store.kvGet("e", null).value().value()).isNull();
    }

    @Test
    void missingKeyReportsTableIndexAndNeverZero() {
        assertThat(store.kvGet("nope", null).index()).isEqualTo(1);
        store.kvSet(7, "x", v("1"), 0);
        assertThat(store.kvGet("nope", null).index()).isEqualTo(7);
    }

    @Test
    void unrelatedKeyWriteDoesNotWakeWatcher() {
        store.kvSet(1, "a", v("1"), 0);
        AtomicInteger fired = watch(ws -> store.kvGet("a", ws));
        store.kvSet(2, "b", v("1"), 0);
        assertThat(fired).hasValue(0);
        store.kvSet(3, "a", v("2"), 0);
        assertThat(fired).hasValue(1);
    }

    @Test
    void writeUnderPrefixWakesPrefixAndRootWatchersOnly() {
        AtomicInteger app = watch(ws -> store.kvList("app/", ws));
        AtomicInteger root = watch(ws -> store.kvList("", ws));
        AtomicInteger other = watch(ws -> store.kvList("other/", ws));
        AtomicInteger deeper = watch(ws -> store.kvList("app/y/", ws));
        store.kvSet(1, "app/x", v("1"), 0);
        assertThat(app).hasValue(1);
        assertThat(root).hasValue(1);
        assertThat(other).hasValue(0);
        assertThat(deeper).hasValue(0);
    }

    @Test
    void waiterFiresOnceAndIsForgotten() {
        AtomicInteger fired = watch(ws -> store.kvGet("a", ws));
        store.kvSet(1, "a", v("1"), 0);
        store.kvSet(2, "a", v("2"), 0);
        assertThat(fired).hasValue(1);
        assertThat(store.watches().size()).isZero();
    }

    @Test
    void cancelledWaiterLeavesNothingBehind() {
        WatchSet ws = new WatchSet();
        store.kvList("p/", ws);
        store.kvGet("k", ws);
        Waiter w = store.watches().register(ws, () -> { });
        assertThat(store.watches().size()).isEqualTo(2);
        w.cancel();
        assertThat(store.watches().size()).isZero();
    }

    @Test
    void casZeroCreatesOnlyWhenAbsent() {
        assertThat(store.kvCas(1, "c", v("1"), 0, 0)).isTrue();
        assertThat(store.kvCas(2, "c", v("2"), 0, 0)).isFalse();
        assertThat(store.kvGet("c", null).value().value()).isEqualTo(v("1"));
    }

    @Test
    void casRequiresMatchingModifyIndex() {
        store.kvSet(4, "c", v("1"), 0);
        assertThat(store.kvCas(5, "c", v("2"), 0, 3)).isFalse();
        assertThat(store.kvCas(6, "c", v("3"), 0, 4)).isTrue();
        assertThat(store.kvGet("c", null).value().modifyIndex()).isEqualTo(6);
        assertThat(store.kvCas(7, "missing", v("3"), 0, 4)).isFalse();
    }

    @Test
    void deleteLeavesTombstoneSoPrefixIndexMovesForward() {
        store.kvSet(1, "app/a", v("1"), 0);
        store.kvSet(2, "app/b", v("1"), 0);
        store.kvSet(3, "zzz", v("1"), 0);
        assertThat(store.kvList("app/", null).index()).isEqualTo(2);
        store.kvDelete(4, "app/b");
        Indexed<List<KvEntry>> after = store.kvList("app/", null);
        assertThat(after.value()).extracting(KvEntry::key).containsExactly("app/a");
        assertThat(after.index()).isEqualTo(4);
    }

    @Test
    void deletingMissingKeyChangesNothing() {
        store.kvSet(1, "a", v("1"), 0);
        AtomicInteger fired = watch(ws -> store.kvList("", ws));
        assertThat(store.kvDelete(2, "nope")).isTrue();
        assertThat(store.kvIndex()).isEqualTo(1);
        assertThat(fired).hasValue(0);
    }

    @Test
    void deleteCasOnMissingKeyIsTrueAndOnStaleIndexFalse() {
        assertThat(store.kvDeleteCas(1, "nope", 9)).isTrue();
        store.kvSet(2, "k", v("1"), 0);
        assertThat(store.kvDeleteCas(3, "k", 1)).isFalse();
        assertThat(store.kvDeleteCas(4, "k", 2)).isTrue();
        assertThat(store.kvGet("k", null).value()).isNull();
    }

    @Test
    void deleteTreeRemovesOnlyThePrefixAndWakesItsWatchers() {
        store.kvSet(1, "app/a", v("1"), 0);
        store.kvSet(2, "app/b/c", v("1"), 0);
        store.kvSet(3, "apple", v("1"), 0);
        AtomicInteger keyWatcher = watch(ws -> store.kvGet("app/b/c", ws));
        AtomicInteger appleWatcher = watch(ws -> store.kvGet("apple", ws));
        store.kvDeleteTree(4, "app/");
        assertThat(store.kvList("", null).value()).extracting(KvEntry::key).containsExactly("apple");
        assertThat(store.kvList("app/", null).index()).isEqualTo(4);
        assertThat(keyWatcher).hasValue(1);
        assertThat(appleWatcher).hasValue(0);
    }

    @Test
    void listIsSortedByKeyAndKeysFoldAtSeparator() {
        store.kvSet(1, "base/foo", v("1"), 0);
        store.kvSet(2, "base/base/x", v("1"), 0);
        store.kvSet(3, "base/base/y", v("1"), 0);
        store.kvSet(4, "base/a", v("1"), 0);
        assertThat(store.kvList("base/", null).value()).extracting(KvEntry::key)
                .containsExactly("base/a", "base/base/x", "base/base/y", "base/foo");
        assertThat(store.kvKeys("base/", "/", null).value()).containsExactly("base/a", "base/base/", "base/foo");
        assertThat(store.kvKeys("", "/", null).value()).containsExactly("base/");
    }

    @Test
    void reapedTombstonesFallBackToTableIndex() {
        store.kvSet(1, "p/a", v("1"), 0);
        store.kvDelete(2, "p/a");
        store.kvSet(3, "q", v("1"), 0);
        assertThat(store.kvList("p/", null).index()).isEqualTo(2);
        store.kvReapTombstones(2);
        assertThat(store.kvList("p/", null).index()).isEqualTo(3);
    }
}
