// SPDX-License-Identifier: Apache-2.0
package io.consulate.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.state.Bytes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EventBufferTest {
    private static UserEvent event(String name) {
        return new UserEvent(UUID.randomUUID().toString(), name, Bytes.EMPTY, "", "", "", 1, 0);
    }

    @Test
    void keepsTheNewestCapacityEventsOldestFirst() {
        EventBuffer b = new EventBuffer(3);
        for (String n : List.of("a", "b", "c", "d", "e")) {
            b.ingest(event(n));
        }
        assertThat(b.list(null)).extracting(UserEvent::name).containsExactly("c", "d", "e");
        assertThat(b.list(null)).extracting(UserEvent::lTime).containsExactly(3L, 4L, 5L);
    }

    @Test
    void ingestWakesEveryWaiterOnceAndForgetsThem() {
        EventBuffer b = new EventBuffer(3);
        CompletableFuture<Void> w1 = b.nextChange();
        CompletableFuture<Void> w2 = b.nextChange();
        CompletableFuture<Void> gone = b.nextChange();
        gone.cancel(false);
        assertThat(b.waiting()).isEqualTo(2);
        b.ingest(event("x"));
        assertThat(w1).isCompleted();
        assertThat(w2).isCompleted();
        assertThat(b.waiting()).isZero();
    }

    @Test
    void indexIsOneForNothingAndTheNewestIdsHashOtherwise() {
        EventBuffer b = new EventBuffer(3);
        assertThat(EventBuffer.index(b.list(null))).isEqualTo(1);
        UserEvent e = b.ingest(event("x"));
        assertThat(EventBuffer.index(b.list("x"))).isEqualTo(EventIndex.of(e.id()));
    }

    @Test
    void eventIndexXorsTheTwoHalvesOfTheUuid() {
        // high half 0000000100000002, low half 0003000000000004
        assertThat(EventIndex.of("00000001-0000-0002-0003-000000000004")).isEqualTo(0x0000000100000002L ^ 0x0003000000000004L);
        assertThat(EventIndex.of("ffffffff-ffff-ffff-0000-000000000000")).isEqualTo(-1L);
    }

    @Test
    void eventIndexRefusesWhatIsNotAUuid() {
        for (String bad : List.of("", "short", "0000000100000002000300000000000400", "zzzzzzzz-0000-0002-0003-000000000004",
                "00000001+0000-0002-0003-000000000004", "-0000001-0000-0002-0003-000000000004")) {
            assertThatThrownBy(() -> EventIndex.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new EventBuffer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
