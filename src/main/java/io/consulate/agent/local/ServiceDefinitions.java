package io.consulate.agent.local;

import io.consulate.api.ServiceDefinition;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a service definition (an agent API body or a config file's {@code service} block) into the local
 * service and its checks, with Consul's defaults: the ID defaults to the name, one check is
 * {@code service:<id>}, several are {@code service:<id>:1}, {@code :2}, ... unless they name their own ID, and a
 * check's default name is {@code Service '<name>' check}.
 */
public final class ServiceDefinitions {
    /** A parsed definition: the service row and its checks. */
    public record Parsed(Service service, List<LocalState.LocalCheck> checks) {
        public Parsed {
            checks = List.copyOf(checks);
        }
    }

    private ServiceDefinitions() {}

    /**
     * @param fromApi true for the HTTP API (script checks need {@code enable_script_checks}), false for config
     * @throws HttpError 400 with Consul's text when the service or one of its checks is invalid
     */
    public static Parsed parse(ServiceDefinition def, String nodeName, CheckParser parser, boolean fromApi) {
        if (def == null || def.name() == null || def.name().isBlank()) {
            throw HttpError.badRequest("Missing service name");
        }
        String id = def.id() == null || def.id().isBlank() ? def.name() : def.id();
        Service service = new Service(nodeName, def.kind(), id, def.name(), def.tags(), def.address(),
                def.taggedAddresses(), def.meta(), def.port(), def.weights(), def.enableTagOverride(), 0, 0);
        List<Map<String, Object>> raw = new ArrayList<>();
        if (def.check() != null && !def.check().isEmpty()) {
            raw.add(def.check());
        }
        if (def.checks() != null) {
            def.checks().stream().filter(c -> c != null && !c.isEmpty()).forEach(raw::add);
        }
        List<LocalState.LocalCheck> checks = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String defaultId = raw.size() == 1 ? "service:" + id : "service:" + id + ":" + (i + 1);
            checks.add(parser.parse(raw.get(i), id, def.name(), defaultId, "Service '" + def.name() + "' check",
                    fromApi));
        }
        return new Parsed(service, checks);
    }
}
