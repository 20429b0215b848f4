package io.consulate.server;

import io.consulate.api.Json;
import io.consulate.http.ApiRequest;
import io.consulate.http.ApiResponse;
import io.consulate.raft.RaftNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Status and agent-information endpoints: {@code /v1/status/leader|peers}, {@code /v1/agent/self},
 * {@code /v1/agent/members}, {@code /v1/agent/version} and {@code /v1/catalog/datacenters}.
 */
public final class AgentEndpoints {
    private final ServerInfo info;
    private final RaftNode raft;

    public AgentEndpoints(ServerInfo info, RaftNode raft) {
        this.info = info;
        this.raft = raft;
    }

    public CompletableFuture<ApiResponse> leader(ApiRequest r) {
        return ok(raft.isLeaderReady() || !raft.leaderAddress().isEmpty() ? raft.leaderAddress() : "");
    }

    public CompletableFuture<ApiResponse> peers(ApiRequest r) {
        return ok(raft.peers());
    }

    public CompletableFuture<ApiResponse> datacenters(ApiRequest r) {
        return ok(List.of(info.datacenter()));
    }

    public CompletableFuture<ApiResponse> members(ApiRequest r) {
        Map<String, Object> m = member();
        if (r.has("wan") && !"0".equals(r.param("wan")) && !"false".equals(r.param("wan"))) {
            m.put("Name", info.nodeName() + "." + info.datacenter());
        }
        return ok(List.of(m));
    }

    public CompletableFuture<ApiResponse> version(ApiRequest r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("SHA", info.revision());
        v.put("BuildDate", "");
        v.put("HumanVersion", ServerInfo.CONSUL_VERSION);
        v.put("FIPS", "");
        return ok(v);
    }

    /** Every top-level value is an object: the Go client decodes it as map[string]map[string]any. */
    public CompletableFuture<ApiResponse> self(ApiRequest r) {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("Config", config());
        self.put("DebugConfig", debugConfig());
        self.put("Coord", Map.of("Vec", List.of(0, 0, 0, 0, 0, 0, 0, 0), "Error", 1.5, "Adjustment", 0, "Height", 1.0e-5));
        self.put("Member", member());
        self.put("Stats", stats());
        self.put("Meta", Map.of("consul-network-segment", "", "consul-version", ServerInfo.CONSUL_VERSION));
        return ok(self);
    }

    private Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Datacenter", info.datacenter());
        c.put("PrimaryDatacenter", info.datacenter());
        c.put("NodeName", info.nodeName());
        c.put("NodeID", info.nodeId());
        c.put("Partition", "");
        c.put("Revision", info.revision());
        c.put("Server", info.server());
        c.put("Version", ServerInfo.CONSUL_VERSION);
        c.put("BuildDate", "");
        c.put("SessionTTLMin", info.sessionTtlMin().toNanos());
        return c;
    }

    private Map<String, Object> debugConfig() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Datacenter", info.datacenter());
        d.put("NodeName", info.nodeName());
        d.put("NodeID", info.nodeId());
        d.put("ServerMode", info.server());
        d.put("DevMode", info.dev());
        d.put("BootstrapExpect", info.bootstrapExpect());
        d.put("ClientAddrs", List.of(info.clientAddr()));
        d.put("HTTPPort", info.httpPort());
        d.put("DNSPort", info.dnsPort());
        d.put("SessionTTLMin", info.sessionTtlMin().toNanos());
        d.put("KVMaxValueSize", info.kvMaxValueSize());
        d.put("Version", ServerInfo.CONSUL_VERSION);
        return d;
    }

    private Map<String, Object> member() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("acls", "0");
        tags.put("build", ServerInfo.CONSUL_VERSION + ":consulate-" + ServerInfo.CONSULATE_VERSION);
        tags.put("dc", info.datacenter());
        tags.put("id", info.nodeId());
        tags.put("port", info.rpcAddress().substring(info.rpcAddress().lastIndexOf(':') + 1));
        tags.put("raft_vsn", "3");
        tags.put("role", info.server() ? "consul" : "node");
        tags.put("segment", "");
        tags.put("vsn", "2");
        tags.put("vsn_max", "3");
        tags.put("vsn_min", "2");
        if (info.bootstrapExpect() > 0) {
            tags.put("expect", Integer.toString(info.bootstrapExpect()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", info.nodeName());
        m.put("Addr", info.advertiseAddr());
        m.put("Port", info.serfLanPort());
        m.put("Tags", tags);
        m.put("Status", 1);
        m.put("ProtocolMin", 1);
        m.put("ProtocolMax", 5);
        m.put("ProtocolCur", 2);
        m.put("DelegateMin", 2);
        m.put("DelegateMax", 5);
        m.put("DelegateCur", 4);
        return m;
    }

    private Map<String, Object> stats() {
        String leaderAddr = raft.leaderAddress();
        Map<String, Object> consul = new LinkedHashMap<>();
        consul.put("bootstrap", Boolean.toString(info.bootstrapExpect() <= 1));
        consul.put("known_datacenters", "1");
        consul.put("leader", Boolean.toString(raft.isLeaderReady()));
        consul.put("leader_addr", leaderAddr);
        consul.put("server", Boolean.toString(info.server()));
        Map<String, Object> agent = Map.of("check_monitors", "0", "check_ttls", "0", "checks", "0",
                "services", "0");
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("arch", System.getProperty("os.arch"));
        runtime.put("os", System.getProperty("os.name").toLowerCase());
        runtime.put("cpu_count", Integer.toString(Runtime.getRuntime().availableProcessors()));
        runtime.put("version", "java" + Runtime.version());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("agent", agent);
        stats.put("consul", consul);
        stats.put("raft", Map.of("num_peers", Integer.toString(Math.max(0, raft.peers().size() - 1)),
                "state", raft.isLeaderReady() ? "Leader" : "Follower"));
        stats.put("runtime", runtime);
        return stats;
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.json(200, Json.write(body)));
    }
}
