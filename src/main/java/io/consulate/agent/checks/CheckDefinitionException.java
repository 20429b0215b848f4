// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.util.Objects;

/**
 * A check definition was rejected. The message is Consul's own text for the same mistake (for example
 * {@code "Interval and TTL cannot both be specified"}), so clients that match on it keep working.
 *
 * <p>Why a {@link Kind}: Consul words and answers the same validation error differently depending on where it is
 * reported. {@link #httpReason()} and {@link #httpStatus()} give what Consul's agent HTTP API answers; config-file
 * loading can use {@link #getMessage()} in its own wording.
 */
public final class CheckDefinitionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of mistake this is; decides the HTTP wording and status. */
    public enum Kind {
        /** A value had the wrong JSON type or was not a valid Go duration. */
        DECODE,
        /** {@code Status} was not passing, warning or critical. */
        BAD_STATUS,
        /** Consul's {@code CheckType.Validate()} rejected the combination of fields. */
        INVALID,
        /** A script (or Docker) check while script checks are disabled for this source. */
        SCRIPTS_DISABLED
    }

    private final Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind    what kind of mistake
     * @param message Consul's text for it
     */
    public CheckDefinitionException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What kind of mistake this is. */
    public Kind kind() {
        return kind;
    }

    /**
     * The body Consul's agent endpoints answer with: {@code "Invalid check: <reason>"} for validation errors,
     * {@code "Request decode failed: <reason>"} for decode errors, the bare message otherwise.
     */
    public String httpReason() {
        return switch (kind) {
            case INVALID -> "Invalid check: " + getMessage();
            case DECODE -> "Request decode failed: " + getMessage();
            case BAD_STATUS, SCRIPTS_DISABLED -> getMessage();
        };
    }

    /**
     * The HTTP status Consul answers with: 400, except that the script-check refusal comes from deeper inside
     * Consul's agent as a plain error, which Consul turns into a 500.
     */
    public int httpStatus() {
        return kind == Kind.SCRIPTS_DISABLED ? 500 : 400;
    }
}
