package io.consulate.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.state.Bytes;
import io.consulate.state.KvEntry;
import io.consulate.state.TxnOp;
import io.consulate.state.TxnOutcome;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxnCodecTest {
    private static final Node NODE = new Node("", "n1", "10.0.0.1", "dc1", null, Map.of("a", "b"), 0, 7);
    private static final Service SERVICE = new Service("n1", "", "w", "web", List.of("t"), "", null, null, 80, null,
            false, 0, 9);
    private static final Check CHECK = new Check("n1", "c", "c", "passing", "", "", "w", "web", null, "ttl", null, 0, 3);

    private static Command.Txn everyKind() {
        return new Command.Txn(List.of(
                new TxnOp.Kv("set", "a/b", Bytes.copyOf(new byte[] {1, 2}), -1, 0, ""),
                new TxnOp.Kv("lock", "ключ", Bytes.EMPTY, 3, 42, "11111111-1111-1111-1111-111111111111"),
                new TxnOp.Kv("not-a-verb", "", Bytes.EMPTY, 0, 0, ""),
                new TxnOp.NodeOp("cas", NODE),
                new TxnOp.ServiceOp("delete-cas", SERVICE),
                new TxnOp.CheckOp("set", CHECK)));
    }

    @Test
    void aTransactionWithEveryKindOfOperationRoundTrips() {
        Command.Txn txn = everyKind();
        assertThat(CommandCodec.decode(CommandCodec.encode(txn))).isEqualTo(txn);
    }

    @Test
    void theEncodingStartsWithCommandVersionTxnTagAndOpFormat() {
        byte[] bytes = CommandCodec.encode(new Command.Txn(List.of()));
        assertThat(Arrays.copyOf(bytes, 7)).containsExactly(1, 20, 1, 0, 0, 0, 0);
    }

    @Test
    void successAndFailureOutcomesRoundTrip() {
        TxnOutcome ok = new TxnOutcome(List.of(
                TxnOutcome.Result.of(new KvEntry("k", -5, Bytes.copyOf(new byte[] {9}), 2, "s", 3, 4)),
                TxnOutcome.Result.of(new KvEntry("empty", 0, null, 0, null, 5, 5)),
                TxnOutcome.Result.of(NODE), TxnOutcome.Result.of(SERVICE), TxnOutcome.Result.of(CHECK)), List.of());
        assertThat(TxnCodec.decodeOutcome(TxnCodec.encodeOutcome(ok))).isEqualTo(ok);
        TxnOutcome failed = new TxnOutcome(List.of(), List.of(new TxnOutcome.Error(3, "key \"k\" exists")));
        assertThat(TxnCodec.decodeOutcome(TxnCodec.encodeOutcome(failed))).isEqualTo(failed);
        assertThat(ApplyResult.decode(ApplyResult.encode(failed).getContent())).isEqualTo(failed);
    }

    @Test
    void truncatedEntriesAreRefusedNotMisread() {
        byte[] full = CommandCodec.encode(everyKind());
        for (int cut = 2; cut < full.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> CommandCodec.decode(truncated)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unknownOpFormatAndKindAreRefused() {
        byte[] bytes = CommandCodec.encode(new Command.Txn(List.of(new TxnOp.Kv("get", "k", null, 0, 0, null))));
        byte[] badFormat = bytes.clone();
        badFormat[2] = 9;
        assertThatThrownBy(() -> CommandCodec.decode(badFormat)).isInstanceOf(IllegalStateException.class);
        byte[] badKind = bytes.clone();
        badKind[7] = 99;
        assertThatThrownBy(() -> CommandCodec.decode(badKind)).isInstanceOf(IllegalStateException.class);
        byte[] hugeCount = bytes.clone();
        hugeCount[3] = 0x7f;
        assertThatThrownBy(() -> CommandCodec.decode(hugeCount)).isInstanceOf(IllegalStateException.class);
    }
}
