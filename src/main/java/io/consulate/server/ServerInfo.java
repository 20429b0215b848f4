package io.consulate.server;

import java.time.Duration;

/**
 * Facts about this agent that endpoints report (agent/self, members, status).
 *
 * @param rpcAddress   Raft/RPC address peers use, "ip:port"
 * @param version      the Consul API version Consulate speaks
 */
public record ServerInfo(String nodeName, String nodeId, String datacenter, String advertiseAddr,
                         int serfLanPort, String rpcAddress, boolean server, boolean dev, int bootstrapExpect,
                         String version, String revision, Duration sessionTtlMin, long kvMaxValueSize,
                         int httpPort, int dnsPort, String clientAddr) {
    /** The Consul version whose API this build implements. */
    public static final String CONSUL_VERSION = "1.22.0";
    /** Consulate's own version. */
    public static final String CONSULATE_VERSION = "0.1.0";
}
