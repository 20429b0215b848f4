// SPDX-License-Identifier: Apache-2.0
package io.consulate.server;

import io.consulate.api.Json;
import io.consulate.event.EventBuffer;
import io.consulate.event.EventService;
import io.consulate.event.UserEvent;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import io.consulate.http.QueryOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code PUT /v1/event/fire/:name} and {@code GET /v1/event/list}.
 *
 * <p>The list blocks as Consul's does, which differs from the store-backed reads: its index is a hash of the
 * newest event's ID, not a Raft index, so a blocking list waits while the index <em>equals</em> the client's
 * (any different value is news), for at most {@code wait} plus up to wait/16 jitter.
 */
public final class EventEndpoints {
    private final EventService events;
    private final String datacenter;
    private final Executor executor;

    public EventEndpoints(EventService events, String datacenter, Executor executor) {
        this.events = events;
        this.datacenter = datacenter;
        this.executor = executor;
    }

    public CompletableFuture<ApiResponse> fire(ApiRequest r) {
        checkDatacenter(r);
        EventService.FireRequest req = new EventService.FireRequest(r.tail(), r.body(), orEmpty(r.param("node")),
                orEmpty(r.param("service")), orEmpty(r.param("tag")));
        if (req.name().isEmpty()) {
            throw HttpError.badRequest("Missing name");
        }
        try {
            return CompletableFuture.completedFuture(ApiResponse.json(200, Json.write(events.fire(req))));
        } catch (EventService.InvalidEventException e) {
            throw new HttpError(e.tooLarge() ? 413 : 400, e.getMessage());
        }
    }

    public CompletableFuture<ApiResponse> list(ApiRequest r) {
        QueryOptions opts = QueryOptions.parse(r);
        String name = orEmpty(r.param("name"));
        if (opts.index() == 0) { // not opts.blocking(): an event index is a hash, half of them above 2^63
            return CompletableFuture.completedFuture(render(events.buffer().list(name)));
        }
        return new ParkedList(opts, name).start();
    }

    private static ApiResponse render(List<UserEvent> list) {
        return ApiResponse.json(200, Json.write(list))
                .withHeader("X-Consul-Index", Long.toUnsignedString(EventBuffer.index(list)));
    }

    private void checkDatacenter(ApiRequest r) {
        CatalogService.requireLocal(r.param("dc"), datacenter);
    }

    private static String orEmpty(String s) {
        return CatalogService.orEmpty(s);
    }

    /** One blocking list: re-reads on every new event until the index differs, the wait ends or the client goes. */
    private final class ParkedList {
        private final QueryOptions opts;
        private final String name;
        private final CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        private volatile CompletableFuture<Void> change;

        ParkedList(QueryOptions opts, String name) {
            this.opts = opts;
            this.name = name;
        }

        CompletableFuture<ApiResponse> start() {
            long waitMs = opts.maxWait().toMillis();
            long jitter = waitMs / 16 > 0 ? ThreadLocalRandom.current().nextLong(waitMs / 16) : 0;
            CompletableFuture<Void> timeout = new CompletableFuture<Void>().completeOnTimeout(null, waitMs + jitter,
                    TimeUnit.MILLISECONDS);
            timeout.thenRunAsync(() -> result.complete(render(events.buffer().list(name))), wakeExecutor());
            result.whenComplete((v, e) -> {
                timeout.cancel(false);
                CompletableFuture<Void> c = change;
                if (c != null) {
                    c.cancel(false);
                }
            });
            if (opts.context() != null) {
                opts.context().gone().whenComplete((v, e) -> result.cancel(false));
            }
            attempt();
            return result;
        }

        private void attempt() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Void> next = events.buffer().nextChange(); // before the read: no lost wake-up
            change = next;
            List<UserEvent> list = events.buffer().list(name);
            if (EventBuffer.index(list) != opts.index()) {
                result.complete(render(list));
                return;
            }
            if (result.isDone()) {
                next.cancel(false);
                return;
            }
            next.thenRunAsync(this::attempt, wakeExecutor());
        }

        private Executor wakeExecutor() {
            return opts.context() != null ? opts.context().executor() : executor;
        }
    }
}
