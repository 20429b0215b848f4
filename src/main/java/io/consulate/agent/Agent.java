package io.consulate.agent;

import io.consulate.agent.config.AgentConfig;
import io.consulate.http.BlockingQuery;
import io.consulate.http.HttpApiServer;
import io.consulate.http.HttpLimits;
import io.consulate.raft.RaftNode;
import io.consulate.server.AgentEndpoints;
import io.consulate.server.ApiRoutes;
import io.consulate.server.KvEndpoint;
import io.consulate.server.KvService;
import io.consulate.server.Reads;
import io.consulate.server.ServerInfo;
import io.consulate.server.TombstoneReaper;
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

    private final RaftNode raft;
    private final HttpApiServer http;
    private final BlockingQuery blocking;
    private final ExecutorService wakeups;
    private final TombstoneReaper reaper;
    private final ServerInfo info;
    private final StateStore store;

    private Agent(StateStore store, RaftNode raft, HttpApiServer http, BlockingQuery blocking, ExecutorService wakeups,
                  TombstoneReaper reaper, ServerInfo info) {
        this.store = store;
        this.raft = raft;
        this.http = http;
        this.blocking = blocking;
        this.wakeups = wakeups;
        this.reaper = reaper;
        this.info = info;
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
        if (cfg.bootstrapExpect() > 1) {
            throw new IllegalArgumentException("multi-server clusters are not supported yet (bootstrap_expect="
                    + cfg.bootstrapExpect() + "); use -bootstrap-expect=1 or -bootstrap");
        }
        boolean inMemory = cfg.dev() || cfg.dataDir() == null;
        String nodeId = nodeId(cfg, inMemory);
        StateStore store = new StateStore();
        RaftNode raft = RaftNode.start(new RaftNode.Options(inMemory,
                inMemory ? null : cfg.dataDir().resolve("raft"), cfg.advertiseAddr(), cfg.serverPort(), nodeId,
                cfg.datacenter(), 8192), store);
        if (!raft.awaitLeader(Duration.ofSeconds(10))) {
            LOG.warn("no Raft leader after 10s; the API answers 'No cluster leader' until one is elected");
        }
        ServerInfo info = new ServerInfo(cfg.nodeName(), nodeId, cfg.datacenter(), cfg.advertiseAddr(), 8301,
                raft.peers().get(0), true, cfg.dev(), cfg.bootstrapExpect(), ServerInfo.CONSUL_VERSION,
                "consulate-" + ServerInfo.CONSULATE_VERSION, cfg.sessionTtlMin(), cfg.kvMaxValueSize(),
                cfg.httpPort(), cfg.dnsPort(), cfg.clientAddr());
        ExecutorService wakeups = Executors.newVirtualThreadPerTaskExecutor();
        BlockingQuery blocking = new BlockingQuery(store.watches(), wakeups);
        Reads reads = new Reads(raft, blocking);
        KvService kv = new KvService(raft, store, cfg.kvMaxValueSize());
        var routes = ApiRoutes.build(new KvEndpoint(kv, reads), new AgentEndpoints(info, raft), cfg.kvMaxValueSize());
        HttpLimits limits = HttpLimits.defaults().withMaxConnsPerClient(cfg.httpMaxConnsPerClient());
        HttpApiServer http = HttpApiServer.start(cfg.httpAddr(), cfg.httpPort(), routes, limits);
        LOG.info("Started HTTP server: address={}:{} network=tcp", cfg.httpAddr(), http.port());
        TombstoneReaper reaper = TombstoneReaper.start(raft, store, Clock.systemUTC(), Duration.ofMinutes(15));
        return new Agent(store, raft, http, blocking, wakeups, reaper, info);
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

    public ServerInfo info() {
        return info;
    }

    @Override
    public void close() throws IOException {
        LOG.info("Requesting shutdown");
        reaper.close();
        http.close();
        blocking.close();
        wakeups.shutdownNow();
        raft.close();
    }
}
