// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repeatable {@code key=value} flag ({@code -meta}, {@code -node-meta}) read the way Consul's
 * {@code FlagMapValue} reads it: split at the first {@code =}, a later repeat of a key wins, and a value
 * without {@code =} is a flag error. Kept as raw strings by picocli and checked here, so that the error
 * reads exactly like Go's {@code flag} package's.
 */
final class KeyValueFlag {
    private KeyValueFlag() {}

    /** A flag value that is not {@code key=value}; the message is Go's flag error. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The pairs in flag order; throws with Go's message for the first value lacking {@code =}. */
    static Map<String, String> parse(String flag, List<String> values) throws Invalid {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq < 0) {
                throw new Invalid("invalid value \"" + v + "\" for flag " + flag
                        + ": Missing \"=\" value in argument: " + v);
            }
            pairs.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return pairs;
    }

    /** Parses, or prints Go's error and the command's help on stderr and returns null (the command exits 1). */
    static Map<String, String> parseOrReport(String flag, List<String> values, Terminal t, String help) {
        try {
            return parse(flag, values);
        } catch (Invalid e) {
            t.error(e.getMessage());
            t.error(help);
            return null;
        }
    }
}
