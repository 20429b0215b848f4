package io.consulate.agent.local;

import io.consulate.api.Json;
import io.consulate.api.ServiceDefinition;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The services and checks of the config files ({@code service}, {@code services}, {@code check},
 * {@code checks}, in JSON or HCL), parsed and validated before the agent starts anything, then added to
 * {@link LocalState} after what the data dir kept, so the files win. A service's {@code check} and
 * {@code checks} arrive gathered into one {@code checks} list (the config loader does that).
 */
public final class ConfiguredRegistrations {
    private final List<ServiceDefinitions.Parsed> services;
    private final List<LocalState.LocalCheck> checks;

    private ConfiguredRegistrations(List<ServiceDefinitions.Parsed> services, List<LocalState.LocalCheck> checks) {
        this.services = services;
        this.checks = checks;
    }

    /**
     * @throws IllegalArgumentException naming the block and Consul's reason when a definition is invalid
     */
    public static ConfiguredRegistrations parse(List<Map<String, Object>> serviceBlocks,
                                                List<Map<String, Object>> checkBlocks, String nodeName,
                                                CheckParser parser) {
        List<ServiceDefinitions.Parsed> services = new ArrayList<>();
        for (Map<String, Object> block : serviceBlocks) {
            try {
                ServiceDefinition def = Json.mapper().convertValue(block, ServiceDefinition.class);
                services.add(ServiceDefinitions.parse(def, nodeName, parser, false));
            } catch (HttpError | IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid service definition " + describe(block) + ": "
                        + e.getMessage(), e);
            }
        }
        List<LocalState.LocalCheck> checks = new ArrayList<>();
        for (Map<String, Object> block : checkBlocks) {
            try {
                checks.add(parser.parse(block, "", "", "", "", false));
            } catch (HttpError e) {
                throw new IllegalArgumentException("invalid check definition " + describe(block) + ": "
                        + e.getMessage(), e);
            }
        }
        return new ConfiguredRegistrations(List.copyOf(services), List.copyOf(checks));
    }

    /**
     * Adds every configured service, then every check (a check's service_id must name a known service); a TTL
     * check takes the status an earlier run saved for its ID, and saved statuses no check claims are dropped.
     */
    public void applyTo(LocalState local) {
        for (ServiceDefinitions.Parsed p : services) {
            local.addConfigured(p.service(), p.checks());
        }
        for (LocalState.LocalCheck c : checks) {
            Check row = c.check();
            if (!row.serviceId().isEmpty()) {
                Service s = local.service(row.serviceId());
                if (s == null) {
                    throw new IllegalArgumentException("invalid check definition \"" + row.checkId()
                            + "\": ServiceID \"" + row.serviceId() + "\" does not exist");
                }
                row = new Check(row.node(), row.checkId(), row.name(), row.status(), row.notes(), row.output(),
                        s.id(), s.service(), s.tags(), row.type(), null, 0, 0);
            }
            local.addConfiguredCheck(new LocalState.LocalCheck(row, c.definition()));
        }
        local.dropUnclaimedCheckStates();
    }

    /**
     * Refuses, before anything changes, a standalone check whose service will not exist: neither configured
     * here nor in {@code otherServices} (the API-registered ones a reload keeps).
     */
    public void requireServicesFor(java.util.Set<String> otherServices) {
        java.util.Set<String> known = serviceIds();
        for (LocalState.LocalCheck c : checks) {
            String sid = c.check().serviceId();
            if (!sid.isEmpty() && !known.contains(sid) && !otherServices.contains(sid)) {
                throw new IllegalArgumentException("invalid check definition \"" + c.check().checkId()
                        + "\": ServiceID \"" + sid + "\" does not exist");
            }
        }
    }

    /** IDs of the configured services. */
    public java.util.Set<String> serviceIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        services.forEach(p -> ids.add(p.service().id()));
        return ids;
    }

    /** IDs of every configured check, standalone or inside a service. */
    public java.util.Set<String> checkIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        services.forEach(p -> p.checks().forEach(c -> ids.add(c.check().checkId())));
        checks.forEach(c -> ids.add(c.check().checkId()));
        return ids;
    }

    public int size() {
        return services.size() + checks.size();
    }

    private static String describe(Map<String, Object> block) {
        for (String k : List.of("id", "ID", "Id", "name", "Name")) {
            if (block.get(k) instanceof String s && !s.isEmpty()) {
                return "\"" + s + "\"";
            }
        }
        return "(unnamed)";
    }
}
