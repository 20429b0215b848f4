// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reaper on a hand-moved clock, over a real LocalState and real check definitions. */
class CriticalServiceReaperTest {

    /** A clock that moves only when told. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final LocalState local = new LocalState("n1", LocalStore.NONE, clock);
    private final DefinitionCheckParser parser = new DefinitionCheckParser("n1", false, false);
    private final AtomicInteger syncs = new AtomicInteger();

    private CriticalServiceReaper reaper(Duration minimum) {
        return new CriticalServiceReaper(local, raw -> parser.definition(raw, false).common()
                .deregisterCriticalServiceAfter(), minimum, syncs::incrementAndGet);
    }

    private void register(String id, String status, String after) {
        Service s = new Service("n1", "", id, id, List.of(), "", null, Map.of(), 80, null, false, 0, 0);
        Map<String, Object> raw = Map.of("TTL", "1h", "Status", status, "DeregisterCriticalServiceAfter", after);
        local.addService(s, List.of(parser.parse(raw, id, id, "service:" + id, "", true)), false);
    }

    @Test
    void aServiceCriticalLongerThanItsDurationIsDeregistered() {
        register("web", Check.CRITICAL, "90s");
        CriticalServiceReaper reaper = reaper(Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(90));
        assertThat(reaper.reapOnce()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(reaper.reapOnce()).containsExactly("web");

        assertThat(local.service("web")).isNull();
        assertThat(local.check("service:web")).isNull();
        assertThat(syncs).hasValue(1);
    }

    @Test
    void passingInBetweenRestartsTheCriticalTime() {
        register("api", Check.CRITICAL, "1m");
        CriticalServiceReaper reaper = reaper(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(50));
        local.updateCheck("service:api", Check.PASSING, "ok");
        clock.advance(Duration.ofSeconds(5));
        local.updateCheck("service:api", Check.CRITICAL, "down");
        local.updateCheck("service:api", Check.CRITICAL, "still down");

        clock.advance(Duration.ofSeconds(59));
        assertThat(reaper.reapOnce()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(reaper.reapOnce()).containsExactly("api");
    }

    @Test
    void consulsOneMinuteMinimumApplies() {
        register("db", Check.CRITICAL, "5s");

        clock.advance(Duration.ofSeconds(30));
        assertThat(new CriticalServiceReaper(local, parser, syncs::incrementAndGet).reapOnce()).isEmpty();
        assertThat(local.service("db")).isNotNull();
        clock.advance(Duration.ofSeconds(31));
        assertThat(new CriticalServiceReaper(local, parser, syncs::incrementAndGet).reapOnce()).containsExactly("db");
    }

    @Test
    void aShorterMinimumCanBeInjected() {
        register("cache", Check.CRITICAL, "2s");

        clock.advance(Duration.ofSeconds(3));

        assertThat(reaper(Duration.ofSeconds(1)).reapOnce()).containsExactly("cache");
    }

    @Test
    void passingServicesAndChecksWithoutTheOptionStay() {
        register("ok", Check.PASSING, "1m");
        Service s = new Service("n1", "", "plain", "plain", List.of(), "", null, Map.of(), 80, null, false, 0, 0);
        local.addService(s, List.of(parser.parse(Map.of("TTL", "1h"), "plain", "plain", "service:plain", "", true)),
                false);

        clock.advance(Duration.ofHours(2));

        assertThat(reaper(Duration.ofSeconds(1)).reapOnce()).isEmpty();
        assertThat(local.services()).hasSize(2);
        assertThat(syncs).hasValue(0);
    }
}
