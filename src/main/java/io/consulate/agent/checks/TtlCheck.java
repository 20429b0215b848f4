// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one TTL check: the application must report a status at least every {@code ttl}, or the check
 * turns critical with Consul's text {@code "TTL expired (last output before timeout follows): <output>"} (just
 * {@code "TTL expired"} when nothing was ever reported).
 *
 * <p>Why passive, with an injected {@link Clock}: expiry is a pure function of "now", so tests move a clock
 * instead of sleeping; {@link CheckScheduler#watchTtl} calls {@link #expireIfDue()} at the deadline in
 * production. TTL results bypass the {@link Thresholds}, as in Consul. Thread-safe.
 */
public final class TtlCheck {

    private final Duration ttl;
    private final Clock clock;
    private final int maxOutput;
    private Instant deadline;
    private String lastOutput = "";
    private boolean expired;

    /**
     * Starts the TTL clock now.
     *
     * @param ttl       how long a reported status stays valid; positive
     * @param clock     the time source
     * @param maxOutput the output limit in bytes (the agent's {@code check_output_max_size})
     */
    public TtlCheck(Duration ttl, Clock clock, int maxOutput) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("TTL must be positive: " + ttl);
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxOutput = maxOutput;
        this.deadline = clock.instant().plus(ttl);
    }

    /** The TTL. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Records a status from the application ({@code /agent/check/pass|warn|fail|update}) and restarts the TTL.
     * Output longer than the limit is cut, with Consul's note {@code " ... (captured N of M bytes)"}.
     *
     * @return the result to store for the check now
     */
    public synchronized CheckResult update(String status, String output) {
        String text = truncate(output == null ? "" : output);
        CheckResult result = new CheckResult(status, text);
        lastOutput = text;
        deadline = clock.instant().plus(ttl);
        expired = false;
        return result;
    }

    /**
     * Expires the check if its deadline has passed since the last update.
     *
     * @return the critical result to store, once per expiry; empty when not yet due or already reported
     */
    public synchronized Optional<CheckResult> expireIfDue() {
        if (expired || clock.instant().isBefore(deadline)) {
            return Optional.empty();
        }
        expired = true;
        return Optional.of(CheckResult.critical(lastOutput.isEmpty()
                ? "TTL expired"
                : "TTL expired (last output before timeout follows): " + lastOutput));
    }

    /** Time left until the deadline; zero or negative once it has passed. */
    public synchronized Duration remaining() {
        return Duration.between(clock.instant(), deadline);
    }

    private String truncate(String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxOutput) {
            return output;
        }
        String head = new String(Arrays.copyOf(bytes, maxOutput), StandardCharsets.UTF_8);
        return head + " ... (captured " + maxOutput + " of " + bytes.length + " bytes)";
    }
}
