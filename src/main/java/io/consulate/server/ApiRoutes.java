package io.consulate.server;

import io.consulate.http.Routes;

/**
 * The HTTP API surface: every route Consulate serves, on one screen. Later capabilities add their rows
 * here (and, with ACLs, the permission each needs).
 */
public final class ApiRoutes {
    /** Body limit for endpoints that take no meaningful body. */
    private static final long SMALL = 64 * 1024;

    private ApiRoutes() {}

    /** Every endpoint group the table routes to. */
    public record Endpoints(KvEndpoint kv, AgentEndpoints agent, AgentServiceEndpoints agentServices,
                            AgentCheckEndpoints checks, AgentMaintenanceEndpoints maintenance,
                            CatalogEndpoints catalog, HealthEndpoints health, SessionEndpoints sessions,
                            EventEndpoints events, TxnEndpoint txn,
                            io.consulate.http.Handler reload) {}

    /** Serf's user event limit: no event body can be larger (name plus payload are checked again). */
    private static final long EVENT_BODY = io.consulate.event.EventService.SIZE_LIMIT;

    public static Routes build(Endpoints e, long kvMaxValueSize) {
        KvEndpoint kv = e.kv();
        AgentEndpoints agent = e.agent();
        AgentServiceEndpoints local = e.agentServices();
        CatalogEndpoints catalog = e.catalog();
        HealthEndpoints health = e.health();
        AgentMaintenanceEndpoints maint = e.maintenance();
        AgentCheckEndpoints checks = e.checks();
        SessionEndpoints sessions = e.sessions();
        EventEndpoints events = e.events();
        TxnEndpoint txn = e.txn();
        return new Routes()
                .exact("PUT", "/v1/txn", txn.maxRequestBytes(), txn::put)
                .exact("PUT", "/v1/session/create", SMALL, sessions::create)
                .prefix("PUT", "/v1/session/destroy/", SMALL, sessions::destroy)
                .prefix("PUT", "/v1/session/renew/", SMALL, sessions::renew)
                .prefix("GET", "/v1/session/info/", SMALL, sessions::info)
                .exact("GET", "/v1/session/list", SMALL, sessions::list)
                .prefix("GET", "/v1/session/node/", SMALL, sessions::node)
                .exact("PUT", "/v1/agent/check/register", SMALL, checks::register)
                .prefix("PUT", "/v1/agent/check/deregister/", SMALL, checks::deregister)
                .prefix("PUT", "/v1/agent/check/pass/", SMALL, checks::pass)
                .prefix("PUT", "/v1/agent/check/warn/", SMALL, checks::warn)
                .prefix("PUT", "/v1/agent/check/fail/", SMALL, checks::fail)
                .prefix("PUT", "/v1/agent/check/update/", SMALL, checks::update)
                .exact("PUT", "/v1/agent/maintenance", SMALL, maint::node)
                .prefix("PUT", "/v1/agent/service/maintenance/", SMALL, maint::service)
                .prefix("GET", "/v1/agent/health/service/id/", SMALL, maint::healthById)
                .prefix("GET", "/v1/agent/health/service/name/", SMALL, maint::healthByName)
                .exact("PUT", "/v1/agent/service/register", SMALL * 8, local::register)
                .prefix("PUT", "/v1/agent/service/deregister/", SMALL, local::deregister)
                .exact("GET", "/v1/agent/services", SMALL, local::services)
                .prefix("GET", "/v1/agent/service/", SMALL, local::service)
                .exact("GET", "/v1/agent/checks", SMALL, local::checks)
                .exact("PUT", "/v1/catalog/register", SMALL * 8, catalog::register)
                .exact("PUT", "/v1/catalog/deregister", SMALL, catalog::deregister)
                .exact("GET", "/v1/catalog/nodes", SMALL, catalog::nodes)
                .exact("GET", "/v1/catalog/services", SMALL, catalog::services)
                .prefix("GET", "/v1/catalog/service/", SMALL, catalog::service)
                .prefix("GET", "/v1/catalog/node/", SMALL, catalog::node)
                .prefix("GET", "/v1/catalog/node-services/", SMALL, catalog::nodeServices)
                .prefix("GET", "/v1/health/service/", SMALL, health::service)
                .prefix("GET", "/v1/health/checks/", SMALL, health::checks)
                .prefix("GET", "/v1/health/node/", SMALL, health::node)
                .prefix("GET", "/v1/health/state/", SMALL, health::state)
                .prefix("GET", "/v1/kv/", SMALL, kv::get)
                .prefix("PUT", "/v1/kv/", kvMaxValueSize, kv::put)
                .prefix("DELETE", "/v1/kv/", SMALL, kv::delete)
                .exact("GET", "/v1/status/leader", SMALL, agent::leader)
                .exact("GET", "/v1/status/peers", SMALL, agent::peers)
                .exact("GET", "/v1/agent/self", SMALL, agent::self)
                .exact("PUT", "/v1/agent/reload", SMALL, e.reload())
                .exact("GET", "/v1/agent/members", SMALL, agent::members)
                .exact("GET", "/v1/agent/version", SMALL, agent::version)
                .exact("GET", "/v1/catalog/datacenters", SMALL, agent::datacenters)
                .prefix("PUT", "/v1/event/fire/", EVENT_BODY, events::fire)
                .exact("GET", "/v1/event/list", SMALL, events::list);
    }
}
