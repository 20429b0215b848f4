// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's effective configuration: defaults, then {@code -dev} defaults, then config files and directories in
 * lexical order, then command-line flags, merged and validated exactly as {@code consul agent} does.
 *
 * <p>Why one flat record: the composition root reads it once at start-up and hands each component the few values
 * it needs; nothing else parses flags or files. Everything here is already validated and defaulted (ports are
 * {@code -1} when disabled, addresses are IP literals, durations are parsed). Raw blocks that later components
 * interpret ({@code services}, {@code checks}, {@code dnsConfig}) are deeply immutable trees of String, Long,
 * Double, Boolean, List and Map, with keys exactly as the files spelled them. Instances are immutable and
 * thread-safe. Built by {@link ConfigLoader#load(List)}.
 *
 * @param dev                     {@code -dev}: in-memory single server, nothing persisted
 * @param server                  {@code server}/{@code -server}: run as a Raft server rather than a client agent
 * @param bootstrap               self-elect as leader of a one-server cluster ({@code -bootstrap}, implied by
 *                                {@code -dev} and by {@code bootstrap_expect = 1})
 * @param bootstrapExpect         servers to wait for before bootstrapping; 0 when unset
 * @param nodeName                {@code node_name}/{@code -node}; defaults to the hostname
 * @param nodeId                  {@code node_id}/{@code -node-id} as a lower-case UUID, or null
 * @param nodeMeta                {@code node_meta}/{@code -node-meta key:value} pairs
 * @param datacenter              {@code datacenter}, lower-cased; default {@code dc1}
 * @param dataDir                 {@code data_dir}/{@code -data-dir}, or null when not set (allowed for clients
 *                                and in dev mode)
 * @param clientAddr              {@code client_addr}/{@code -client}, where client interfaces listen; default
 *                                {@code 127.0.0.1}
 * @param bindAddr                {@code bind_addr}/{@code -bind}, for cluster traffic; default {@code 127.0.0.1}
 *                                (Consulate binds loopback unless told otherwise)
 * @param advertiseAddr           {@code advertise_addr}/{@code -advertise}; defaults to the bind address, or to
 *                                the host's single private IPv4 when bound to {@code 0.0.0.0}
 * @param httpAddr                {@code addresses.http}; defaults to the client address
 * @param httpPort                {@code ports.http}/{@code -http-port}; default 8500, -1 when disabled
 * @param dnsAddr                 {@code addresses.dns}; defaults to the client address
 * @param dnsPort                 {@code ports.dns}/{@code -dns-port}; default 8600, -1 when disabled
 * @param serverPort              {@code ports.server}/{@code -server-port}, the server RPC (Raft) port; default 8300
 * @param pidFile                 {@code pid_file}/{@code -pid-file}, or null
 * @param logLevel                one of {@code trace debug info warn err}; default {@code info} ({@code debug} in
 *                                dev mode)
 * @param logJson                 {@code log_json}/{@code -log-json}
 * @param ui                      {@code ui_config.enabled} (or the older {@code ui}, or {@code -ui})
 * @param kvMaxValueSize          {@code limits.kv_max_value_size} in bytes; default 524288
 * @param txnMaxReqLen            {@code limits.txn_max_req_len} in bytes; default 524288
 * @param txnMaxOps               {@code limits.txn_max_ops} (a Consulate extension; Consul's count is fixed):
 *                                operations per transaction, 1 to 4096; default 64, Consul's {@code maxTxnOps}
 * @param sessionTtlMin           {@code session_ttl_min}; default 10s
 * @param checkUpdateInterval     {@code check_update_interval}: how long an output-only check change may wait
 *                                before it is written to the catalog; default 5m, zero writes every change
 * @param httpMaxConnsPerClient   {@code limits.http_max_conns_per_client}; default 200
 * @param enableScriptChecks      {@code enable_script_checks}: script checks from any source (off by default)
 * @param enableLocalScriptChecks {@code enable_local_script_checks}: script checks from config files only;
 *                                defaults to {@code enableScriptChecks}
 * @param services                the {@code service} and {@code services} definitions of every source, in order;
 *                                each one's {@code check} and {@code checks} gathered into one {@code checks} list
 * @param checks                  the {@code check} and {@code checks} definitions of every source, in order
 * @param dnsConfig               the {@code dns_config} block (validated, raw), or an empty map
 * @param recursors               {@code recursors}/{@code -recursor}, as {@code ip} or {@code ip:port}
 * @param domain                  {@code domain}, lower-case with a trailing dot; default {@code consul.}
 * @param altDomain               {@code alt_domain}, normalised like {@code domain}, or null
 * @param ignoredKeys             Consul keys and flags that were given but that Consulate does not act on, sorted:
 *                                dotted keys such as {@code encrypt} or {@code ports.serf_lan}, and flags such as
 *                                {@code -retry-join}; meant for one warning at start-up
 * @param watches                 the {@code watches} entries of every source, in order, raw (checked when the agent
 *                                starts them, see {@code io.consulate.watch.WatchDefinition})
 * @param servers                 with {@code bootstrap_expect} above 1, every server's RPC address
 *                                ({@code host:port}), this one first, from {@code retry_join}/{@code start_join};
 *                                empty for a one-server cluster
 */
public record AgentConfig(
        boolean dev, boolean server, boolean bootstrap, int bootstrapExpect,
        String nodeName,
        String nodeId,
        Map<String, String> nodeMeta,
        String datacenter,
        Path dataDir,
        String clientAddr,
        String bindAddr,
        String advertiseAddr,
        String httpAddr,
        int httpPort,
        String dnsAddr, int dnsPort,
        int serverPort,
        Path pidFile,
        String logLevel,
        boolean logJson, boolean ui,
        long kvMaxValueSize,
        long txnMaxReqLen,
        int txnMaxOps,
        Duration sessionTtlMin,
        Duration checkUpdateInterval,
        int httpMaxConnsPerClient,
        boolean enableScriptChecks, boolean enableLocalScriptChecks,
        List<Map<String, Object>> services,
        List<Map<String, Object>> checks,
        Map<String, Object> dnsConfig,
        List<String> recursors,
        String domain,
        String altDomain,
        List<String> ignoredKeys,
        List<Map<String, Object>> watches,
        List<String> servers) {

    /** Makes every collection deeply immutable and rejects missing required values. */
    public AgentConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(clientAddr, "clientAddr");
        Objects.requireNonNull(bindAddr, "bindAddr");
        Objects.requireNonNull(advertiseAddr, "advertiseAddr");
        Objects.requireNonNull(httpAddr, "httpAddr");
        Objects.requireNonNull(dnsAddr, "dnsAddr");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(sessionTtlMin, "sessionTtlMin");
        Objects.requireNonNull(checkUpdateInterval, "checkUpdateInterval");
        Objects.requireNonNull(domain, "domain");
        nodeMeta = Frozen.stringMap(nodeMeta);
        services = Frozen.listOfObjects(services);
        checks = Frozen.listOfObjects(checks);
        dnsConfig = Frozen.object(dnsConfig);
        recursors = recursors == null ? List.of() : List.copyOf(recursors);
        ignoredKeys = ignoredKeys == null ? List.of() : List.copyOf(ignoredKeys);
        watches = Frozen.listOfObjects(watches);
        servers = List.copyOf(servers);
    }
}
