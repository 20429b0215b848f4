package io.consulate.server;

import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.local.CheckParser;
import io.consulate.agent.local.LocalState;
import io.consulate.api.CatalogWire;
import io.consulate.api.Json;
import io.consulate.api.ServiceDefinition;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's own services and checks: {@code /v1/agent/service/register}, {@code deregister/:id},
 * {@code /v1/agent/services}, {@code /v1/agent/service/:id}, {@code /v1/agent/checks}. A registration
 * answers once the catalog shows it, so a client can discover what it just registered.
 */
public final class AgentServiceEndpoints {
    private final LocalState local;
    private final AntiEntropy sync;
    private final CheckParser checks;
    private final String datacenter;

    public AgentServiceEndpoints(LocalState local, AntiEntropy sync, CheckParser checks, String datacenter) {
        this.local = local;
        this.sync = sync;
        this.checks = checks;
        this.datacenter = datacenter;
    }

    public CompletableFuture<ApiResponse> register(ApiRequest r) {
        ServiceDefinition def = Json.read(r.body().unsafeArray(), ServiceDefinition.class);
        if (def == null || CatalogService.blank(def.name())) {
            throw HttpError.badRequest("Missing service name");
        }
        String id = CatalogService.blank(def.id()) ? def.name() : def.id();
        Service service = new Service(local.nodeName(), def.kind(), id, def.name(), def.tags(), def.address(),
                def.taggedAddresses(), def.meta(), def.port(), def.weights(), def.enableTagOverride(), 0, 0);
        List<Map<String, Object>> raw = new ArrayList<>();
        if (def.check() != null && !def.check().isEmpty()) {
            raw.add(def.check());
        }
        if (def.checks() != null) {
            def.checks().stream().filter(c -> c != null && !c.isEmpty()).forEach(raw::add);
        }
        List<LocalState.LocalCheck> parsed = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String defaultId = raw.size() == 1 ? "service:" + id : "service:" + id + ":" + (i + 1);
            parsed.add(checks.parse(raw.get(i), id, def.name(), defaultId, "Service '" + def.name() + "' check", true));
        }
        local.addService(service, parsed, r.has("replace-existing-checks"));
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    public CompletableFuture<ApiResponse> deregister(ApiRequest r) {
        if (!local.removeService(r.tail())) {
            throw HttpError.notFound("Unknown service ID \"" + r.tail()
                    + "\". Ensure that the service ID is passed, not the service name.");
        }
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    /** Every locally registered service by ID; never the built-in {@code consul} service. */
    public CompletableFuture<ApiResponse> services(ApiRequest r) {
        var filter = CatalogQueries.filter(r);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Service s : local.services()) {
            Map<String, Object> wire = agentService(s);
            if (filter.matches(wire)) {
                out.put(s.id(), wire);
            }
        }
        return CompletableFuture.completedFuture(ApiResponse.json(200, Json.write(out)));
    }

    public CompletableFuture<ApiResponse> service(ApiRequest r) {
        Service s = local.service(r.tail());
        if (s == null) {
            throw HttpError.notFound("unknown service ID: " + r.tail());
        }
        Map<String, Object> body = agentService(s);
        String hash = Integer.toHexString(body.hashCode());
        body.put("ContentHash", hash);
        return CompletableFuture.completedFuture(ApiResponse.json(200, Json.write(body))
                .withHeader("X-Consul-ContentHash", hash));
    }

    /** Every local check by ID; never {@code serfHealth}. */
    public CompletableFuture<ApiResponse> checks(ApiRequest r) {
        var filter = CatalogQueries.filter(r);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Check c : local.checks()) {
            Map<String, Object> wire = CatalogWire.check(c);
            if (filter.matches(wire)) {
                out.put(c.checkId(), wire);
            }
        }
        return CompletableFuture.completedFuture(ApiResponse.json(200, Json.write(out)));
    }

    private Map<String, Object> agentService(Service s) {
        Map<String, Object> m = CatalogWire.service(s);
        m.remove("CreateIndex");
        m.remove("ModifyIndex");
        m.put("Datacenter", datacenter);
        return m;
    }
}
