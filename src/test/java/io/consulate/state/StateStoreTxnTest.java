package io.consulate.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Node;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store's transaction contract: all-or-nothing, exact indexes, and watches fired only on success. */
class StateStoreTxnTest {
    private final StateStore store = new StateStore();

    private AtomicInteger watch(java.util.function.Consumer<WatchSet> read) {
        WatchSet ws = new WatchSet();
        read.accept(ws);
        AtomicInteger fired = new AtomicInteger();
        store.watches().register(ws, fired::incrementAndGet);
        return fired;
    }

    private static TxnOp.Kv kv(String verb, String key, String value, long index) {
        return new TxnOp.Kv(verb, key, value == null ? null : Bytes.copyOf(value.getBytes()), 0, index, "");
    }

    @Test
    void successfulTransactionWritesEveryKeyAtOneIndexAndWakesTheirWatchers() {
        AtomicInteger a = watch(ws -> store.kvGet("a", ws));
        AtomicInteger other = watch(ws -> store.kvGet("other", ws));
        TxnOutcome o = store.txn(5, List.of(kv("set", "a", "1", 0), kv("set", "b", "2", 0), kv("get", "a", null, 0)));
        assertThat(o.ok()).isTrue();
        assertThat(o.results()).hasSize(3);
        assertThat(o.results().get(2).kv().value()).isEqualTo(Bytes.copyOf("1".getBytes()));
        assertThat(store.kvGet("b", null).value().modifyIndex()).isEqualTo(5);
        assertThat(store.kvIndex()).isEqualTo(5);
        assertThat(a).hasValue(1);
        assertThat(other).hasValue(0);
    }

    @Test
    void failedTransactionChangesNothingMovesNoIndexAndWakesNoWatcher() {
        store.kvSet(3, "keep", Bytes.copyOf("x".getBytes()), 0);
        AtomicInteger keep = watch(ws -> store.kvGet("keep", ws));
        AtomicInteger nodes = watch(ws -> store.catalog().nodes(ws));
        StoreImage before = store.image();
        TxnOutcome o = store.txn(9, List.of(kv("delete", "keep", null, 0), kv("set", "new", "n", 0),
                new TxnOp.NodeOp("set", new Node("", "n1", "10.0.0.1", "", null, null, 0, 0)),
                kv("cas", "keep", "y", 1)));
        assertThat(o.ok()).isFalse();
        assertThat(o.results()).isEmpty();
        assertThat(o.errors()).containsExactly(new TxnOutcome.Error(3, "failed to set key \"keep\", index is stale"));
        assertThat(store.image()).isEqualTo(before);
        assertThat(store.kvIndex()).isEqualTo(3);
        assertThat(store.catalog().node("n1")).isNull();
        assertThat(keep).hasValue(0);
        assertThat(nodes).hasValue(0);
    }

    @Test
    void laterOperationsSeeEarlierOnesInTheSameTransaction() {
        TxnOutcome o = store.txn(4, List.of(kv("set", "k", "v", 0), kv("check-index", "k", null, 4),
                kv("delete", "k", null, 0), kv("check-not-exists", "k", null, 0)));
        assertThat(o.ok()).as(o.errors().toString()).isTrue();
        assertThat(store.kvGet("k", null).value()).isNull();
    }

    @Test
    void readOnlyRunNeverWrites() {
        TxnOutcome o = store.txnRead(List.of(kv("get", "missing", null, 0)));
        assertThat(o.errors()).containsExactly(new TxnOutcome.Error(0, "key \"missing\" doesn't exist"));
        assertThat(store.kvIndex()).isZero();
    }
}
