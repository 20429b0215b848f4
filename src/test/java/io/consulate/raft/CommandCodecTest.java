package io.consulate.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.state.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    @Test
    void everyCommandRoundTrips() {
        List<Command> all = List.of(
                new Command.KvSet("a/b", Bytes.copyOf(new byte[] {1, 2}), -1),
                new Command.KvCas("k", Bytes.EMPTY, 3, 0),
                new Command.KvDelete("ключ"),
                new Command.KvDeleteCas("k", 99),
                new Command.KvDeleteTree(""),
                new Command.TombstoneReap(1234),
                new Command.CatalogRegister(new io.consulate.state.catalog.Registration(
                        new io.consulate.state.catalog.Node("", "n1", "10.0.0.1", "dc1", null, java.util.Map.of("a", "b"), 0, 0),
                        new io.consulate.state.catalog.Service("n1", "", "w", "web", java.util.List.of("t"), "", null,
                                null, 80, null, false, 0, 0),
                        java.util.List.of(new io.consulate.state.catalog.Check("n1", "c", "c", null, "", "", "w", "",
                                null, "ttl", null, 0, 0)), true)),
                new Command.CatalogDeregister("n1", "w", ""),
                new Command.SessionCreate(new io.consulate.state.Session("11111111-1111-1111-1111-111111111111",
                        "name", "n1", List.of("serfHealth"), List.of("svc"), 15_000_000_000L, "delete", "15.0s", 0, 0)),
                new Command.SessionDestroy("11111111-1111-1111-1111-111111111111"),
                new Command.KvLock("k", Bytes.copyOf(new byte[] {1}), 5, "s"),
                new Command.KvUnlock("k", Bytes.EMPTY, 0, "s"));
        for (Command c : all) {
            assertThat(CommandCodec.decode(CommandCodec.encode(c))).isEqualTo(c);
        }
    }

    @Test
    void lockEncodingIsStable() {
        byte[] bytes = CommandCodec.encode(new Command.KvLock("k", Bytes.copyOf(new byte[] {7}), 2, "s"));
        assertThat(bytes).containsExactly(1, 11, 0, 0, 0, 1, 'k', 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 2,
                0, 0, 0, 1, 's');
        assertThat(CommandCodec.encode(new Command.SessionDestroy("x"))).containsExactly(1, 10, 0, 0, 0, 1, 'x');
    }

    @Test
    void encodingIsStableForVersionOne() {
        // The log keeps these bytes for years: this pins the wire layout of a KvSet.
        byte[] bytes = CommandCodec.encode(new Command.KvSet("k", Bytes.copyOf(new byte[] {7}), 2));
        assertThat(bytes).containsExactly(1, 1, 0, 0, 0, 1, 'k', 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 2);
    }

    @Test
    void unknownVersionOrTagIsRefused() {
        assertThatThrownBy(() -> CommandCodec.decode(new byte[] {2, 1})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CommandCodec.decode(new byte[] {1, 99})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CommandCodec.decode(new byte[] {1, 1, 0x7f, 0, 0, 0}))
                .isInstanceOf(IllegalStateException.class);
    }
}
