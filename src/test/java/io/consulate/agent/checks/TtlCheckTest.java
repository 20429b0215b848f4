// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlCheckTest {

    private final ManualTimer time = new ManualTimer();

    @Test
    void expiresWithPlainTextWhenNothingWasEverReported() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(10), time.clock(), 4096);

        time.advance(Duration.ofMillis(9_999));
        assertThat(ttl.expireIfDue()).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(ttl.expireIfDue()).contains(CheckResult.critical("TTL expired"));
    }

    @Test
    void anUpdateRestartsTheTtlAndItsOutputIsQuotedOnExpiry() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(10), time.clock(), 4096);
        time.advance(Duration.ofSeconds(8));

        assertThat(ttl.update("passing", "all good")).isEqualTo(CheckResult.passing("all good"));
        time.advance(Duration.ofSeconds(8));
        assertThat(ttl.expireIfDue()).isEmpty();
        assertThat(ttl.remaining()).isEqualTo(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(2));
        assertThat(ttl.expireIfDue()).contains(
                CheckResult.critical("TTL expired (last output before timeout follows): all good"));
    }

    @Test
    void expiryIsReportedOncePerMissedDeadline() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(1), time.clock(), 4096);
        time.advance(Duration.ofSeconds(1));

        assertThat(ttl.expireIfDue()).isPresent();
        time.advance(Duration.ofSeconds(5));
        assertThat(ttl.expireIfDue()).isEmpty();
        ttl.update("warning", "");
        time.advance(Duration.ofSeconds(1));
        assertThat(ttl.expireIfDue()).contains(CheckResult.critical("TTL expired"));
    }

    @Test
    void longOutputIsCutWithConsulsNote() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(10), time.clock(), 4);

        assertThat(ttl.update("passing", "abcdefgh").output()).isEqualTo("abcd ... (captured 4 of 8 bytes)");
    }

    @Test
    void rejectsUnknownStatuses() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(10), time.clock(), 4096);

        assertThatThrownBy(() -> ttl.update("maintenance", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
