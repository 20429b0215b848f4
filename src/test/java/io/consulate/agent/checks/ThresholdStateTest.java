// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThresholdStateTest {

    private static final CheckResult PASS = CheckResult.passing("ok");
    private static final CheckResult WARN = CheckResult.warning("meh");
    private static final CheckResult FAIL = CheckResult.critical("down");

    /** Feeds results and returns what was reported ("-" for nothing). */
    private static List<String> feed(Thresholds t, CheckResult... results) {
        ThresholdState state = t.newState();
        List<String> out = new ArrayList<>();
        for (CheckResult r : results) {
            Optional<CheckResult> reported = state.apply(r);
            out.add(reported.map(x -> x.status() + ":" + x.output()).orElse("-"));
        }
        return out;
    }

    @Test
    void withoutThresholdsEveryResultIsReported() {
        assertThat(feed(Thresholds.NONE, PASS, FAIL, WARN, FAIL))
                .containsExactly("passing:ok", "critical:down", "warning:meh", "critical:down");
    }

    @Test
    void theFirstResultIsReportedAtOnceWhateverTheThresholds() {
        assertThat(feed(Thresholds.of(3, 0, 3), PASS)).containsExactly("passing:ok");
        assertThat(feed(Thresholds.of(3, 0, 3), FAIL)).containsExactly("critical:down");
    }

    @Test
    void successBeforePassingHoldsTheOldStatusUntilEnoughSuccessesInARow() {
        assertThat(feed(Thresholds.of(2, 0, 0), FAIL, PASS, PASS, PASS))
                .containsExactly("critical:down", "-", "passing:ok", "passing:ok");
    }

    @Test
    void failuresBeforeCriticalHoldsTheOldStatusUntilEnoughFailuresInARow() {
        assertThat(feed(Thresholds.of(0, 0, 3), PASS, FAIL, FAIL, FAIL, FAIL))
                .containsExactly("passing:ok", "-", "-", "critical:down", "critical:down");
    }

    @Test
    void failuresBeforeWarningReportsWarningWithTheFailureOutputFirst() {
        assertThat(feed(Thresholds.of(0, 1, 3), PASS, FAIL, FAIL, FAIL))
                .containsExactly("passing:ok", "warning:down", "warning:down", "critical:down");
    }

    @Test
    void aSuccessResetsTheFailureCountAndAFailureResetsTheSuccessCount() {
        assertThat(feed(Thresholds.of(2, 0, 2), PASS, FAIL, PASS, FAIL, PASS, PASS))
                .containsExactly("passing:ok", "-", "-", "-", "-", "passing:ok");
    }

    @Test
    void warningCountsAsASuccessAndKeepsItsStatus() {
        assertThat(feed(Thresholds.of(2, 0, 2), FAIL, WARN, WARN))
                .containsExactly("critical:down", "-", "warning:meh");
    }
}
