package io.consulate.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.local.CheckParser;
import io.consulate.agent.local.LocalState;
import io.consulate.api.Json;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Service;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The agent's check API: register, deregister, and the TTL updates {@code pass|warn|fail/:id?note=} and
 * {@code update/:id} ({@code {"Status","Output"}}). The note or output becomes the check's Output.
 */
public final class AgentCheckEndpoints {
    /** Consul's check_output_max_size default. */
    static final int MAX_OUTPUT = 4096;
    private static final Set<String> STATUSES = Set.of(Check.PASSING, Check.WARNING, Check.CRITICAL);

    /** The body of {@code PUT /v1/agent/check/update/:id}. */
    record Update(@JsonProperty("Status") String status, @JsonProperty("Output") String output) {}

    private final LocalState local;
    private final AntiEntropy sync;
    private final CheckParser parser;
    private final BiConsumer<String, String> ttlTouched;

    /** @param ttlTouched told of every TTL update (check ID, status), so the TTL clock restarts */
    public AgentCheckEndpoints(LocalState local, AntiEntropy sync, CheckParser parser,
                               BiConsumer<String, String> ttlTouched) {
        this.local = local;
        this.sync = sync;
        this.parser = parser;
        this.ttlTouched = ttlTouched;
    }

    @SuppressWarnings("unchecked")
    public CompletableFuture<ApiResponse> register(ApiRequest r) {
        Map<String, Object> raw = Json.read(r.body().unsafeArray(), Map.class);
        if (raw == null) {
            throw HttpError.badRequest("Request decode failed: empty body");
        }
        LocalState.LocalCheck parsed = parser.parse(raw, "", "", "", "", true);
        String serviceId = parsed.check().serviceId();
        Check row = parsed.check();
        if (!serviceId.isEmpty()) {
            Service s = local.service(serviceId);
            if (s == null) {
                throw HttpError.badRequest("ServiceID \"" + serviceId + "\" does not exist");
            }
            row = new Check(row.node(), row.checkId(), row.name(), row.status(), row.notes(), row.output(), serviceId,
                    s.service(), s.tags(), row.type(), null, 0, 0);
        }
        local.addCheck(new LocalState.LocalCheck(row, parsed.definition()));
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    public CompletableFuture<ApiResponse> deregister(ApiRequest r) {
        if (!local.removeCheck(r.tail())) {
            throw HttpError.notFound(unknown(r.tail()));
        }
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    public CompletableFuture<ApiResponse> pass(ApiRequest r) {
        return ttl(r.tail(), Check.PASSING, r.param("note"));
    }

    public CompletableFuture<ApiResponse> warn(ApiRequest r) {
        return ttl(r.tail(), Check.WARNING, r.param("note"));
    }

    public CompletableFuture<ApiResponse> fail(ApiRequest r) {
        return ttl(r.tail(), Check.CRITICAL, r.param("note"));
    }

    public CompletableFuture<ApiResponse> update(ApiRequest r) {
        Update u = Json.read(r.body().unsafeArray(), Update.class);
        if (u == null || u.status() == null || !STATUSES.contains(u.status())) {
            throw HttpError.badRequest("Invalid check status: \"" + (u == null ? "" : u.status()) + "\"");
        }
        return ttl(r.tail(), u.status(), u.output());
    }

    private CompletableFuture<ApiResponse> ttl(String id, String status, String output) {
        Check c = local.check(id);
        if (c == null) {
            throw HttpError.notFound(unknown(id));
        }
        if (!"ttl".equals(c.type())) {
            throw new HttpError(500, "CheckID \"" + id + "\" does not have associated TTL");
        }
        local.updateCheck(id, status, capped(output == null ? "" : output));
        ttlTouched.accept(id, status);
        return sync.sync().thenApply(v -> ApiResponse.text(200, ""));
    }

    private static String unknown(String id) {
        return "Unknown check ID \"" + id + "\". Ensure that the check ID is passed, not the check name.";
    }

    /** Output beyond the cap is cut, as Consul does, with a marker that it was. */
    static String capped(String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_OUTPUT) {
            return output;
        }
        return new String(bytes, 0, MAX_OUTPUT, StandardCharsets.UTF_8) + " ... (captured " + MAX_OUTPUT
                + " of " + bytes.length + " bytes)";
    }
}
