package io.consulate.server;

import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.local.CheckParser;
import io.consulate.agent.local.LocalState;
import io.consulate.agent.local.ServiceDefinitions;
import io.consulate.api.CatalogWire;
import io.consulate.api.Json;
import io.consulate.api.ServiceDefinition;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
        ServiceDefinitions.Parsed parsed = ServiceDefinitions.parse(def, local.nodeName(), checks, true);
        local.addService(parsed.service(), parsed.checks(), r.has("replace-existing-checks"));
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

    /**
     * One local service, with its content hash in {@code ContentHash} and {@code X-Consul-ContentHash}. With
     * {@code ?hash=} equal to the current hash the answer waits (Consul's hash blocking) until the service
     * changes or {@code wait} (default 5m, at most 10m, plus up to 1/16 jitter) runs out.
     */
    public CompletableFuture<ApiResponse> service(ApiRequest r) {
        String hash = r.param("hash");
        Duration wait = QueryOptions.parse(r).maxWait();
        CompletableFuture<ApiResponse> out = new CompletableFuture<>();
        Executor executor = r.context() != null ? r.context().executor() : ForkJoinPool.commonPool();
        AtomicReference<Runnable> unregister = new AtomicReference<>(() -> { });
        if (hash != null && !hash.isEmpty()) {
            long ms = wait.toMillis();
            long jitter = ms / 16 > 0 ? ThreadLocalRandom.current().nextLong(ms / 16) : 0;
            // A timer that is cancelled (and dropped from the scheduler) as soon as the request is answered.
            CompletableFuture<Void> timer = new CompletableFuture<Void>()
                    .completeOnTimeout(null, ms + jitter, TimeUnit.MILLISECONDS);
            timer.thenRunAsync(() -> answerWhenChanged(r.tail(), null, out, executor, unregister), executor);
            out.whenComplete((v, e) -> {
                timer.cancel(false);
                unregister.get().run(); // answered, timed out or the client went away
            });
            if (r.context() != null) {
                r.context().gone().whenComplete((v, e) -> out.cancel(false));
            }
        }
        answerWhenChanged(r.tail(), hash, out, executor, unregister);
        return out;
    }

    /** Answers now unless the service's hash still equals {@code hash}; then tries again at its next change. */
    private void answerWhenChanged(String id, String hash, CompletableFuture<ApiResponse> out, Executor executor,
                                   AtomicReference<Runnable> unregister) {
        if (out.isDone()) {
            return;
        }
        boolean blocking = hash != null && !hash.isEmpty();
        if (blocking) {
            unregister.set(local.onNextServiceChange(
                    () -> executor.execute(() -> answerWhenChanged(id, hash, out, executor, unregister))));
        }
        Service s = local.service(id);
        if (s == null) {
            out.completeExceptionally(HttpError.notFound("unknown service ID: " + id));
            return;
        }
        Map<String, Object> body = agentService(s);
        String current = contentHash(body);
        if (!blocking || !hash.equals(current)) {
            body.put("ContentHash", current);
            out.complete(ApiResponse.json(200, Json.write(body)).withHeader("X-Consul-ContentHash", current));
        }
    }

    /** 16 hex digits over the rendered service, like Consul's (the value only has to change with the content). */
    static String contentHash(Map<String, Object> body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(body));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
