// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

/**
 * The agent's configuration could not be loaded: a bad flag, an unreadable or malformed config file, an unknown
 * key or an invalid value.
 *
 * <p>Why a checked exception: a bad configuration is an expected operator mistake, not a bug, and the caller
 * (the {@code agent} command) must turn it into one clear message and a non-zero exit instead of a stack trace.
 * The message always names what was wrong — the flag ({@code -http-port}), the key ({@code ports.http}), the
 * value, and the file with line and column when there is one.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and where, ready to show to the operator
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its underlying cause (an I/O error, for example).
     *
     * @param message what was wrong and where, ready to show to the operator
     * @param cause   the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
