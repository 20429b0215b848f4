package io.consulate.agent;

import io.consulate.agent.config.AgentConfig;
import io.consulate.http.BlockingQuery;
import io.consulate.http.HttpApiServer;
import io.consulate.http.HttpLimits;
import io.consulate.raft.RaftNode;
import io.consulate.agent.local.AntiEntropy;
import io.consulate.agent.checks.CheckRunnerFactory;
import io.consulate.agent.checks.CheckRunnerSettings;
import io.consulate.agent.local.CheckManager;
import io.consulate.agent.local.ConfiguredRegistrations;
import io.consulate.agent.local.CriticalServiceReaper;
import io.consulate.agent.local.DefinitionCheckParser;
import io.consulate.dns.DnsConfig;
import io.consulate.dns.DnsServer;
import io.consulate.agent.local.LocalState;
import io.consulate.agent.local.LocalStore;
import io.consulate.server.AgentEndpoints;
import io.consulate.server.AgentServiceEndpoints;
import io.consulate.server.CatalogEndpoints;
import io.consulate.server.CatalogService;
import io.consulate.server.HealthEndpoints;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Registration;
import io.consulate.state.catalog.Service;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.consulate.server.ApiRoutes;
import io.consulate.server.KvEndpoint;
import io.consulate.server.KvService;
import io.consulate.server.Reads;
import io.consulate.server.ServerInfo;
import io.consulate.server.TombstoneReaper;
import io.consulate.server.AgentCheckEndpoints;
import io.consulate.server.AgentMaintenanceEndpoints;
import io.consulate.server.EventEndpoints;
import io.consulate.server.SessionEndpoints;
import io.consulate.server.SessionService;
import io.consulate.server.SessionTimers;
import io.consulate.server.TxnEndpoint;
import io.consulate.server.TxnService;
import io.consulate.event.EventBuffer;
import io.consulate.event.EventService;
import io.consulate.watch.WatchManager;
import io.consulate.watch.WatchSpec;
import io.consulate.http.ApiResponse;
import io.consulate.http.HttpError;
import java.util.concurrent.CompletableFuture;
import io.consulate.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds one agent from its configuration with plain constructors, starts it,
 * and stops it in reverse order. Nothing else wires components together.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final Lifecycle lifecycle;
    private final StateStore store;
    private final HttpApiServer http;
    private final ServerInfo info;
    private final DnsServer dns;
    private final EventService events;
    private final WatchManager watches;
    private final AgentReload reload;

    private Agent(Lifecycle lifecycle, StateStore store, HttpApiServer http, ServerInfo info, DnsServer dns,
                  EventService events, WatchManager watches, AgentReload reload) {
        this.reload = reload;
        this.lifecycle = lifecycle;
        this.store = store;
        this.http = http;
        this.info = info;
        this.dns = dns;
        this.events = events;
        this.watches = watches;
    }

    /** Starts a server agent (dev or persisted) and returns once the HTTP API is serving. */
    public static Agent start(AgentConfig cfg) throws IOException, InterruptedException {
        if (!cfg.server() && !cfg.dev()) {
            throw new IllegalArgumentException(
                    "client agents are not supported yet: run with -server (and -bootstrap-expect=1) or -dev");
        }
        if (cfg.httpPort() < 0) {
            throw new IllegalArgumentException("an agent without its HTTP API (ports.http = -1) is not supported yet");
        }
        try {
            WatchManager.parseAll(cfg.watches()); // refuse bad watches before starting anything
        } catch (WatchSpec.InvalidWatchException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Lifecycle lifecycle = new Lifecycle();
        try {
            return start(cfg, lifecycle);
        } catch (IOException | InterruptedException | RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    private static Agent start(AgentConfig cfg, Lifecycle lifecycle) throws IOException, InterruptedException {
        boolean inMemory = cfg.dev() || cfg.dataDir() == null;
        DefinitionCheckParser checks = new DefinitionCheckParser(cfg.nodeName(),
                cfg.enableScriptChecks(), cfg.enableLocalScriptChecks());
        ConfiguredRegistrations configured = ConfiguredRegistrations.parse(cfg.services(), cfg.checks(),
                cfg.nodeName(), checks);
        LocalState local = new LocalState(cfg.nodeName(), inMemory ? LocalStore.NONE : new LocalStore(cfg.dataDir()));
        local.load();
        configured.applyTo(local);
        String nodeId = nodeId(cfg, inMemory);
        StateStore store = new StateStore();
        boolean cluster = !cfg.servers().isEmpty();
        RaftNode raft = lifecycle.add(RaftNode.start(new RaftNode.Options(inMemory,
                inMemory ? null : cfg.dataDir().resolve("raft"), cfg.advertiseAddr(), cfg.serverPort(),
                cluster ? peerId(cfg.servers().get(0)) : nodeId, cfg.datacenter(), 8192,
                cfg.servers().stream().map(a -> new RaftNode.Peer(peerId(a), a)).toList()), store));
        if (!cluster && !raft.awaitLeader(Duration.ofSeconds(10))) {
            LOG.warn("no Raft leader after 10s; the API answers 'No cluster leader' until one is elected");
        }
        ServerInfo info = new ServerInfo(cfg.nodeName(), nodeId, cfg.datacenter(), cfg.advertiseAddr(), 8301,
                raft.selfAddress(), true, cfg.dev(), cfg.bootstrapExpect(), ServerInfo.CONSUL_VERSION,
                "consulate-" + ServerInfo.CONSULATE_VERSION, cfg.sessionTtlMin(), cfg.kvMaxValueSize(),
                cfg.httpPort(), cfg.dnsPort(), cfg.clientAddr());
        ExecutorService wakeups = Executors.newVirtualThreadPerTaskExecutor();
        lifecycle.add(wakeups::shutdownNow);
        BlockingQuery blocking = new BlockingQuery(store.watches(), wakeups);
        lifecycle.add(blocking::close);
        Reads reads = new Reads(raft, blocking);
        KvService kv = new KvService(raft, store, cfg.kvMaxValueSize());
        CatalogService catalog = new CatalogService(raft, store.catalog(), cfg.datacenter());
        Registration self = selfRegistration(cfg, info);
        if (!cluster) {
            registerSelf(catalog, self);
        }
        AntiEntropy antiEntropy = lifecycle.add(new AntiEntropy(local, store.catalog(), catalog, cfg.checkUpdateInterval(),
                Clock.systemUTC()));
        antiEntropy.sync().join();
        if (cluster) { // the other servers may not be up yet: keep trying until a leader takes the registration
            AtomicBoolean stopped = new AtomicBoolean();
            lifecycle.add(() -> stopped.set(true));
            registerSelfUntilDone(catalog, self, antiEntropy, stopped);
        }
        antiEntropy.start(60);
        CheckManager checkManager = lifecycle.add(new CheckManager(local, checks,
                new CheckRunnerFactory(CheckRunnerSettings.defaults()), antiEntropy, store.catalog(), store.watches(),
                Clock.systemUTC(), new java.util.Random()));
        checkManager.reconcile();
        CriticalServiceReaper serviceReaper = lifecycle.add(new CriticalServiceReaper(local, checks, antiEntropy::sync));
        serviceReaper.start(CriticalServiceReaper.DEFAULT_PERIOD);
        SessionTimers sessionTimers = lifecycle.add(SessionTimers.start(raft, store.sessions(), Duration.ofMillis(200)));
        SessionService sessions = new SessionService(raft, store.sessions(), sessionTimers, cfg.nodeName(),
                cfg.sessionTtlMin());
        EventService events = events(cfg, local);
        AgentReload reload = new AgentReload(cfg, local, checks, antiEntropy);
        var routes = ApiRoutes.build(new ApiRoutes.Endpoints(new KvEndpoint(kv, reads), new AgentEndpoints(info, raft),
                new AgentServiceEndpoints(local, antiEntropy, checks, cfg.datacenter()),
                new AgentCheckEndpoints(local, antiEntropy, checks, checkManager::ttlUpdated),
                new AgentMaintenanceEndpoints(local, antiEntropy),
                new CatalogEndpoints(catalog, store.catalog(), reads), new HealthEndpoints(store.catalog(), reads),
                new SessionEndpoints(sessions, reads),
                new EventEndpoints(events, cfg.datacenter(), wakeups),
                new TxnEndpoint(new TxnService(raft, store, reads,
                        cfg.kvMaxValueSize(), cfg.txnMaxOps()), reads, cfg.txnMaxReqLen()),
                r -> reloadNow(reload, wakeups)),
                cfg.kvMaxValueSize());
        HttpLimits limits = HttpLimits.defaults().withMaxConnsPerClient(cfg.httpMaxConnsPerClient());
        HttpApiServer http = lifecycle.add(HttpApiServer.start(cfg.httpAddr(), cfg.httpPort(), routes, limits));
        LOG.info("Started HTTP server: address={}:{} network=tcp", cfg.httpAddr(), http.port());
        lifecycle.add(TombstoneReaper.start(raft, store, Clock.systemUTC(), Duration.ofMinutes(15)));
        DnsServer dns = startDns(cfg, store);
        if (dns != null) {
            lifecycle.add(dns);
        }
        WatchManager watches = lifecycle.add(startWatches(cfg, http.port()));
        reload.watches(watches);
        return new Agent(lifecycle, store, http, info, dns, events, watches, reload);
    }

    /** {@code PUT /v1/agent/reload}: off the event loop (it reads files); a bad config is Consul's 500. */
    private static CompletableFuture<ApiResponse> reloadNow(AgentReload reload, ExecutorService executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                reload.reload();
            } catch (IllegalArgumentException e) {
                throw new HttpError(500, "Failed to reload configs: " + e.getMessage());
            }
            return ApiResponse.text(200, "");
        }, executor);
    }

    /** Consul's agent reload: config-file services, checks and watches made to match the files again. */
    public AgentReload reloader() {
        return reload;
    }

    /** The config's {@code watches}, run against this agent's own HTTP API; a bad entry stops the start. */
    private static WatchManager startWatches(AgentConfig cfg, int httpPort) {
        String host = cfg.httpAddr().equals("0.0.0.0") || cfg.httpAddr().equals("::") ? "127.0.0.1" : cfg.httpAddr();
        WatchManager watches = new WatchManager(java.net.URI.create("http://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort), Duration.ofMinutes(5),
                Duration.ofSeconds(5));
        try {
            watches.reload(cfg.watches(), false);
        } catch (WatchSpec.InvalidWatchException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return watches;
    }

    /** The running config watches; {@link WatchManager#reload} applies a new list. */
    public WatchManager watches() {
        return watches;
    }

    /** User events: this agent's ring of recent events, filtered by its node name and local services. */
    private static EventService events(AgentConfig cfg, LocalState local) {
        return new EventService(cfg.nodeName(), () -> local.services().stream()
                .map(s -> new EventService.LocalService(s.service(), s.tags())).toList(),
                new EventBuffer(EventBuffer.DEFAULT_CAPACITY), UUID::randomUUID);
    }

    /** The DNS interface on {@code ports.dns}, or null when it is disabled (-1). */
    private static DnsServer startDns(AgentConfig cfg, StateStore store) throws InterruptedException {
        if (cfg.dnsPort() < 0) {
            return null;
        }
        DnsServer dns = DnsServer.start(DnsConfig.from(cfg), store.catalog());
        LOG.info("Started DNS server: address={}:{} network=udp+tcp", cfg.dnsAddr(), dns.udpPort());
        return dns;
    }

    /** A cluster server's Raft ID: its address, spelled so Ratis can use it in JMX names too. */
    private static String peerId(String address) {
        return address.replaceAll("[\\[\\]:]", "_");
    }

    /**
     * This agent's node as Consul puts it in the catalog: its addresses and meta, the passing
     * {@code serfHealth} check, and (servers) the {@code consul} service.
     */
    private static Registration selfRegistration(AgentConfig cfg, ServerInfo info) {
        String addr = cfg.advertiseAddr();
        Map<String, String> meta = new java.util.TreeMap<>(cfg.nodeMeta());
        meta.put("consul-network-segment", "");
        meta.put("consul-version", ServerInfo.CONSUL_VERSION);
        Node self = new Node(info.nodeId(), cfg.nodeName(), addr, cfg.datacenter(),
                Map.of("lan", addr, "lan_ipv4", addr, "wan", addr, "wan_ipv4", addr), meta, 0, 0);
        Service consul = new Service(cfg.nodeName(), "", "consul", "consul", List.of(), "", null,
                Map.of("raft_version", "3", "serf_protocol_current", "2", "serf_protocol_max", "5",
                        "serf_protocol_min", "1", "version", ServerInfo.CONSUL_VERSION, "non_voter", "false",
                        "read_replica", "false"), cfg.serverPort(), null, false, 0, 0);
        Check serf = new Check(cfg.nodeName(), "serfHealth", "Serf Health Status", Check.PASSING, "",
                "Agent alive and reachable", "", "", null, "", null, 0, 0);
        return new Registration(self, consul, List.of(serf), false);
    }

    /** A cluster server's registration: retried every second until a leader commits it, then a sync. */
    private static void registerSelfUntilDone(CatalogService catalog, Registration self, AntiEntropy antiEntropy,
                                              AtomicBoolean stopped) {
        catalog.register(self).whenComplete((v, e) -> {
            if (e == null) {
                antiEntropy.sync();
            } else if (!stopped.get()) {
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
                        .execute(() -> registerSelfUntilDone(catalog, self, antiEntropy, stopped));
            }
        });
    }

    private static void registerSelf(CatalogService catalog, Registration self) throws IOException {
        try {
            catalog.register(self).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("could not register this node in the catalog yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering this node", e);
        }
    }

    /** The node ID: configured, else persisted in the data dir (created once), else random for dev. */
    private static String nodeId(AgentConfig cfg, boolean inMemory) throws IOException {
        if (cfg.nodeId() != null && !cfg.nodeId().isEmpty()) {
            return cfg.nodeId();
        }
        if (inMemory) {
            return UUID.randomUUID().toString();
        }
        Path file = cfg.dataDir().resolve("node-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(cfg.dataDir());
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id);
        return id;
    }

    public int httpPort() {
        return http.port();
    }

    /** Waiters currently parked on the store (blocking queries in flight), for tests and metrics. */
    public int watchCount() {
        return store.watches().size();
    }

    /** Blocking event lists parked right now (for tests and metrics). */
    public int eventWaiters() {
        return events.buffer().waiting();
    }

    /** The bound DNS port, or -1 when DNS is disabled. */
    public int dnsPort() {
        return dns == null ? -1 : dns.udpPort();
    }

    public ServerInfo info() {
        return info;
    }

    @Override
    public void close() {
        LOG.info("Requesting shutdown");
        lifecycle.close();
    }
}
