package io.consulate.server;

import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.local.LocalState;
import io.consulate.api.CatalogWire;
import io.consulate.api.Json;
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
 * Maintenance mode ({@code /v1/agent/maintenance}, {@code /v1/agent/service/maintenance/:id}) and the
 * agent's local health view ({@code /v1/agent/health/service/id/:id} and {@code /name/:name}), which answer
 * 200 passing, 429 warning and 503 critical so load balancers can probe the agent directly.
 */
public final class AgentMaintenanceEndpoints {
    static final String NODE_MAINTENANCE = "_node_maintenance";
    static final String SERVICE_MAINTENANCE = "_service_maintenance:";

    private final LocalState local;
    private final AntiEntropy sync;

    public AgentMaintenanceEndpoints(LocalState local, AntiEntropy sync) {
        this.local = local;
        this.sync = sync;
    }

    public CompletableFuture<ApiResponse> node(ApiRequest r) {
        if (enable(r)) {
            String reason = reason(r, "Maintenance mode is enabled for this node, but no reason was provided. "
                    + "This is a default message.");
            local.addCheck(new LocalState.LocalCheck(new Check(local.nodeName(), NODE_MAINTENANCE,
                    "Node Maintenance Mode", Check.CRITICAL, reason, "", "", "", null, "maintenance", null, 0, 0), null));
        } else {
            local.removeCheck(NODE_MAINTENANCE);
        }
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    public CompletableFuture<ApiResponse> service(ApiRequest r) {
        Service s = local.service(r.tail());
        if (s == null) {
            throw HttpError.notFound("Unknown service ID \"" + r.tail() + "\"");
        }
        String id = SERVICE_MAINTENANCE + s.id();
        if (enable(r)) {
            String reason = reason(r, "Maintenance mode is enabled for this service, but no reason was provided. "
                    + "This is a default message.");
            local.addCheck(new LocalState.LocalCheck(new Check(local.nodeName(), id, "Service Maintenance Mode",
                    Check.CRITICAL, reason, "", s.id(), s.service(), s.tags(), "maintenance", null, 0, 0), null));
        } else {
            local.removeCheck(id);
        }
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    public CompletableFuture<ApiResponse> healthById(ApiRequest r) {
        Service s = local.service(r.tail());
        if (s == null) {
            throw HttpError.notFound("ServiceId " + r.tail() + " not found");
        }
        Map<String, Object> body = entry(s);
        return CompletableFuture.completedFuture(
                ApiResponse.json(statusCode((String) body.get("AggregatedStatus")), Json.write(body)));
    }

    public CompletableFuture<ApiResponse> healthByName(ApiRequest r) {
        List<Map<String, Object>> out = new ArrayList<>();
        String worst = Check.PASSING;
        for (Service s : local.services()) {
            if (s.service().equals(r.tail())) {
                Map<String, Object> e = entry(s);
                out.add(e);
                worst = worse(worst, (String) e.get("AggregatedStatus"));
            }
        }
        if (out.isEmpty()) {
            throw HttpError.notFound("ServiceName " + r.tail() + " Not Found");
        }
        return CompletableFuture.completedFuture(ApiResponse.json(statusCode(worst), Json.write(out)));
    }

    private Map<String, Object> entry(Service s) {
        String status = Check.PASSING;
        List<Object> checks = new ArrayList<>();
        for (Check c : local.checks()) {
            if (c.isNodeCheck() || c.serviceId().equals(s.id())) {
                checks.add(CatalogWire.check(c));
                status = worse(status, maintenance(c) ? "maintenance" : c.status());
            }
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("AggregatedStatus", status);
        Map<String, Object> service = CatalogWire.service(s);
        service.remove("CreateIndex");
        service.remove("ModifyIndex");
        e.put("Service", service);
        e.put("Checks", checks);
        return e;
    }

    private static boolean maintenance(Check c) {
        return c.checkId().equals(NODE_MAINTENANCE) || c.checkId().startsWith(SERVICE_MAINTENANCE);
    }

    /** maintenance > critical > warning > passing, as Consul's AggregatedStatus ranks them. */
    private static String worse(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String s) {
        return switch (s) {
            case "maintenance" -> 3;
            case Check.CRITICAL -> 2;
            case Check.WARNING -> 1;
            default -> 0;
        };
    }

    private static int statusCode(String aggregated) {
        return switch (aggregated) {
            case Check.PASSING -> 200;
            case Check.WARNING -> 429;
            default -> 503;
        };
    }

    private static boolean enable(ApiRequest r) {
        if (!r.has("enable")) {
            throw HttpError.badRequest("Missing value for enable");
        }
        return switch (r.param("enable")) {
            case "true", "1", "t", "T", "TRUE", "True" -> true;
            case "false", "0", "f", "F", "FALSE", "False" -> false;
            default -> throw HttpError.badRequest("Invalid value for enable");
        };
    }

    private static String reason(ApiRequest r, String fallback) {
        String reason = r.param("reason");
        return reason == null || reason.isEmpty() ? fallback : reason;
    }
}
