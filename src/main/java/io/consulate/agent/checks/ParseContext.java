// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.util.Objects;

/**
 * Where a check definition comes from and what the agent allows there; today that decides only whether script
 * (and Docker) checks are accepted.
 *
 * <p>Why: Consul treats definitions from the HTTP API ("remote") and from config files ("local") differently:
 * {@code enable_script_checks} allows scripts from both, {@code enable_local_script_checks} only from config
 * files. Both are off by default, because a script check registered over the API is remote code execution.
 *
 * @param source                  where the definition was read from
 * @param enableScriptChecks      the agent's {@code enable_script_checks}
 * @param enableLocalScriptChecks the agent's {@code enable_local_script_checks}
 */
public record ParseContext(Source source, boolean enableScriptChecks, boolean enableLocalScriptChecks) {

    /** Where a definition was read from. */
    public enum Source {
        /** The agent HTTP API ({@code /v1/agent/check/register}, service registration). */
        API,
        /** The agent's own configuration files. */
        CONFIG_FILE
    }

    /** Requires a source. */
    public ParseContext {
        Objects.requireNonNull(source, "source");
    }

    /** A definition received over the HTTP API. */
    public static ParseContext api(boolean enableScriptChecks, boolean enableLocalScriptChecks) {
        return new ParseContext(Source.API, enableScriptChecks, enableLocalScriptChecks);
    }

    /** A definition read from a config file. */
    public static ParseContext configFile(boolean enableScriptChecks, boolean enableLocalScriptChecks) {
        return new ParseContext(Source.CONFIG_FILE, enableScriptChecks, enableLocalScriptChecks);
    }

    /** Whether script checks from this source are allowed, with Consul's rules. */
    public boolean scriptsAllowed() {
        return source == Source.API ? enableScriptChecks : enableScriptChecks || enableLocalScriptChecks;
    }

    /** Consul's refusal text for a script check from this source. */
    String scriptsDisabledMessage() {
        return source == Source.API
                ? "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true"
                : "Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or "
                        + "'enable_local_script_checks' to true";
    }
}
