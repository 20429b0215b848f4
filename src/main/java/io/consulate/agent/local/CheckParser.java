package io.consulate.agent.local;

import java.util.Map;

/**
 * Turns a raw check block (from the agent API or a config file) into a local check: infers its type,
 * applies Consul's defaults and validation. Errors are {@link io.consulate.http.HttpError} 400s with
 * Consul's texts.
 */
@FunctionalInterface
public interface CheckParser {
    /**
     * @param raw         the check block, keys in any case
     * @param serviceId   the service it belongs to, or "" for a node check
     * @param serviceName that service's name, or ""
     * @param defaultId   the ID to use when the block has none ({@code service:<id>} or {@code service:<id>:N})
     * @param defaultName the name to use when the block has none
     * @param fromApi     true for the HTTP API (script checks need enable_script_checks), false for config files
     */
    LocalState.LocalCheck parse(Map<String, Object> raw, String serviceId, String serviceName, String defaultId,
                                String defaultName, boolean fromApi);
}
