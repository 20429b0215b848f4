// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.time.Duration;
import java.util.Objects;

/**
 * The fields every check definition has, whatever its type, exactly as given (durations are not yet clamped or
 * defaulted; see {@link CheckDefinition#effectiveInterval()} and friends for what actually runs).
 *
 * <p>Why keep the raw values: Consul shows the definition back as it was registered ({@code "Interval":
 * "100ms"} stays {@code 100ms} in {@code /v1/agent/checks}), while it runs the check with its minimums applied.
 *
 * @param id                             {@code ID} / {@code CheckID}; "" when absent (the caller picks the default,
 *                                       which depends on where the check was registered)
 * @param name                           {@code Name}; "" when absent
 * @param serviceId                      {@code ServiceID}; "" for a node-level check
 * @param notes                          {@code Notes}
 * @param token                          {@code Token} (ACL token to use for this check)
 * @param status                         initial status; {@code critical} when absent
 * @param interval                       {@code Interval}; zero when absent
 * @param timeout                        {@code Timeout}; zero when absent (the type's default applies)
 * @param successBeforePassing           {@code SuccessBeforePassing}
 * @param failuresBeforeWarning          {@code FailuresBeforeWarning}; 0 means "same as critical"
 * @param failuresBeforeCritical         {@code FailuresBeforeCritical}
 * @param deregisterCriticalServiceAfter {@code DeregisterCriticalServiceAfter}; zero when absent
 * @param outputMaxSize                  {@code OutputMaxSize}; 0 means the agent's {@code check_output_max_size}
 */
public record CheckCommon(
        String id,
        String name,
        String serviceId,
        String notes,
        String token,
        String status,
        Duration interval,
        Duration timeout,
        int successBeforePassing,
        int failuresBeforeWarning,
        int failuresBeforeCritical,
        Duration deregisterCriticalServiceAfter,
        int outputMaxSize) {

    /** Replaces nulls with Consul's zero values and checks the status word. */
    public CheckCommon {
        id = Objects.requireNonNullElse(id, "");
        name = Objects.requireNonNullElse(name, "");
        serviceId = Objects.requireNonNullElse(serviceId, "");
        notes = Objects.requireNonNullElse(notes, "");
        token = Objects.requireNonNullElse(token, "");
        status = status == null || status.isEmpty() ? CheckResult.CRITICAL : status;
        if (!CheckResult.isValidStatus(status)) {
            throw new IllegalArgumentException("unknown check status: " + status);
        }
        interval = Objects.requireNonNullElse(interval, Duration.ZERO);
        timeout = Objects.requireNonNullElse(timeout, Duration.ZERO);
        deregisterCriticalServiceAfter = Objects.requireNonNullElse(deregisterCriticalServiceAfter, Duration.ZERO);
    }

    /** The thresholds these fields describe, with Consul's defaulting applied. */
    public Thresholds thresholds() {
        return Thresholds.of(successBeforePassing, failuresBeforeWarning, failuresBeforeCritical);
    }
}
