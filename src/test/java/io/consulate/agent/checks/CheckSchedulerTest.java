// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler on virtual time: a manual timer and direct delivery make every run and report deterministic. */
class CheckSchedulerTest {

    private static final Duration TEN_S = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final ManualTimer time = new ManualTimer();
    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    private final CheckScheduler scheduler = new CheckScheduler(time, new Random(7), Runnable::run, GRACE,
            (id, r) -> reports.add(id + "=" + r.status() + ":" + r.output()));

    @AfterEach
    void close() {
        scheduler.close();
    }

    /** A runner that records when it was launched and answers only when told to. */
    private final class Probe implements CheckRunner {
        final List<Duration> launches = new ArrayList<>();
        final List<CompletableFuture<CheckResult>> runs = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<CheckResult> run(Duration timeout) {
            launches.add(time.elapsed());
            CompletableFuture<CheckResult> f = new CompletableFuture<>();
            runs.add(f);
            return f;
        }

        synchronized CompletableFuture<CheckResult> last() {
            return runs.get(runs.size() - 1);
        }
    }

    /** A runner that answers passing at once and records its launch times. */
    private CheckRunner instant(List<Duration> launches) {
        return timeout -> {
            launches.add(time.elapsed());
            return CompletableFuture.completedFuture(CheckResult.passing("ok"));
        };
    }

    @Test
    void firstRunsAreSpreadAcrossTheInterval() {
        for (int i = 0; i < 200; i++) {
            scheduler.schedule("c" + i, instant(new ArrayList<>()), TEN_S, Duration.ofSeconds(1), Thresholds.NONE);
        }

        List<Duration> first = time.requestedDelays();
        assertThat(first).hasSize(200).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, TEN_S.minusNanos(1)));
        long[] perSecond = new long[10];
        first.forEach(d -> perSecond[(int) d.toSeconds()]++);
        assertThat(perSecond).as("every second of the interval gets some first runs").doesNotContain(0L);
        assertThat(java.util.Arrays.stream(perSecond).max().orElseThrow()).isLessThan(50);
    }

    @Test
    void theNextRunIsOneIntervalAfterThePreviousFinished() {
        Probe probe = new Probe();
        scheduler.schedule("slow", probe, TEN_S, Duration.ofSeconds(5), Thresholds.NONE);
        time.advance(TEN_S);
        assertThat(probe.launches).hasSize(1);
        Duration firstLaunch = probe.launches.get(0);

        time.advance(Duration.ofSeconds(3));
        probe.last().complete(CheckResult.passing("done"));
        Duration finished = time.elapsed();
        time.advance(TEN_S.minusMillis(1));
        assertThat(probe.launches).as("no overlap, no run before interval after finish").hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(probe.launches).hasSize(2);
        assertThat(probe.launches.get(1)).isEqualTo(finished.plus(TEN_S));
        assertThat(probe.launches.get(1)).isGreaterThan(firstLaunch.plus(TEN_S));
        assertThat(reports).containsExactly("slow=passing:done");
    }

    @Test
    void aSlowCheckNeverDelaysTheOthers() {
        Probe stuck = new Probe();
        List<Duration> fast = new ArrayList<>();
        scheduler.schedule("stuck", stuck, TEN_S, Duration.ofSeconds(30), Thresholds.NONE);
        scheduler.schedule("fast", instant(fast), TEN_S, Duration.ofSeconds(1), Thresholds.NONE);

        time.advance(Duration.ofSeconds(60));

        assertThat(stuck.launches).hasSize(1);
        assertThat(fast).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < fast.size(); i++) {
            assertThat(fast.get(i).minus(fast.get(i - 1))).isEqualTo(TEN_S);
        }
    }

    @Test
    void aRunThatOutlivesItsTimeoutIsCutOffAsCriticalAndRunsAgainOnlyAfterItEnds() {
        Probe probe = new Probe();
        scheduler.schedule("hang", probe, TEN_S, Duration.ofSeconds(2), Thresholds.NONE);
        time.advance(TEN_S);
        Duration launched = probe.launches.get(0);

        time.advance(Duration.ofSeconds(3).minus(time.elapsed().minus(launched)).minusMillis(1));
        assertThat(reports).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(reports).containsExactly("hang=critical:Timed out (2s) running check");

        time.advance(Duration.ofSeconds(60));
        assertThat(probe.launches).as("never two runs of one check at once").hasSize(1);
        probe.last().complete(CheckResult.passing("late"));
        assertThat(reports).as("the late answer is not reported").hasSize(1);
        Duration ended = time.elapsed();
        time.advance(TEN_S);
        assertThat(probe.launches).hasSize(2);
        assertThat(probe.launches.get(1)).isEqualTo(ended.plus(TEN_S));
    }

    @Test
    void aRunnerThatThrowsIsReportedCriticalAndKeepsItsSchedule() {
        List<Duration> launches = new ArrayList<>();
        scheduler.schedule("boom", timeout -> {
            launches.add(time.elapsed());
            throw new IllegalStateException("bad runner");
        }, TEN_S, Duration.ofSeconds(1), Thresholds.NONE);

        time.advance(Duration.ofSeconds(30));

        assertThat(launches).hasSizeGreaterThanOrEqualTo(2);
        assertThat(reports).first().isEqualTo("boom=critical:bad runner");
    }

    @Test
    void thresholdsApplyToScheduledResults() {
        Probe probe = new Probe();
        scheduler.schedule("t", probe, TEN_S, Duration.ofSeconds(1), Thresholds.of(0, 0, 2));
        time.advance(time.requestedDelays().get(0));
        probe.last().complete(CheckResult.passing("up"));
        time.advance(TEN_S);
        probe.last().complete(CheckResult.critical("down 1"));
        time.advance(TEN_S);
        probe.last().complete(CheckResult.critical("down 2"));

        assertThat(reports).first().isEqualTo("t=passing:up");
        assertThat(reports).last().isEqualTo("t=critical:down 2");
        assertThat(reports).noneMatch(r -> r.equals("t=critical:down 1"));
    }

    @Test
    void ttlExpiryIsReportedOncePerMissedDeadline() {
        TtlCheck ttl = new TtlCheck(Duration.ofSeconds(30), time.clock(), 4096);
        scheduler.watchTtl("ttl", ttl);

        time.advance(Duration.ofSeconds(29));
        assertThat(reports).isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(reports).containsExactly("ttl=critical:TTL expired");
        time.advance(Duration.ofMinutes(5));
        assertThat(reports).hasSize(1);

        ttl.update(CheckResult.PASSING, "alive");
        time.advance(Duration.ofSeconds(40));
        assertThat(reports).containsExactly("ttl=critical:TTL expired",
                "ttl=critical:TTL expired (last output before timeout follows): alive");
    }

    @Test
    void unscheduledChecksStopRunning() {
        List<Duration> launches = new ArrayList<>();
        scheduler.schedule("gone", instant(launches), TEN_S, Duration.ofSeconds(1), Thresholds.NONE);
        time.advance(Duration.ofSeconds(15));
        int before = launches.size();

        assertThat(scheduler.unschedule("gone")).isTrue();
        time.advance(Duration.ofMinutes(1));

        assertThat(launches).hasSize(before);
        assertThat(scheduler.checkIds()).isEmpty();
        assertThat(scheduler.unschedule("gone")).isFalse();
    }
}
