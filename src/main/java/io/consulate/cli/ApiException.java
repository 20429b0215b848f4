// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

/**
 * A request to the agent failed: it could not be sent, or the agent answered with an unexpected status. The
 * message reads like the Go client's error ({@code Unexpected response code: 500 (reason)}), because Consul's
 * commands print that error after their own prefix.
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
        super(message);
    }
}
