// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.util.Objects;

/**
 * Agent-wide settings for running checks.
 *
 * <p>Why a record: these come from the agent's configuration once, at start, and are shared by every runner.
 *
 * @param checkOutputMaxSize the agent's {@code check_output_max_size} (Consul's default: 4096 bytes); a check's
 *                           own smaller {@code OutputMaxSize} wins
 * @param crossHostRedirects whether HTTP checks follow redirects to another scheme, host or port (Consul does;
 *                           Consulate does not by default, see {@code CVE-2022-29153})
 * @param tls                the roots TLS checks trust
 */
public record CheckRunnerSettings(int checkOutputMaxSize, boolean crossHostRedirects, CheckTls tls) {

    /** Consul's default {@code check_output_max_size}. */
    public static final int DEFAULT_OUTPUT_MAX_SIZE = 4096;

    /** Validates the size and requires the TLS settings. */
    public CheckRunnerSettings {
        if (checkOutputMaxSize < 1) {
            throw new IllegalArgumentException("check_output_max_size must be positive: " + checkOutputMaxSize);
        }
        Objects.requireNonNull(tls, "tls");
    }

    /** 4 KiB of output, same-host redirects only, the JDK's trusted roots. */
    public static CheckRunnerSettings defaults() {
        return new CheckRunnerSettings(DEFAULT_OUTPUT_MAX_SIZE, false, CheckTls.systemDefault());
    }

    /** The output limit for one check: the agent's, or the check's own {@code OutputMaxSize} when smaller. */
    int outputMaxSize(CheckCommon common) {
        int own = common.outputMaxSize();
        return own > 0 && own < checkOutputMaxSize ? own : checkOutputMaxSize;
    }
}
