package io.consulate.testing;

import io.consulate.agent.Agent;
import io.consulate.agent.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * A real in-process dev agent on free ports, for tests that talk to Consulate over HTTP the way clients
 * do. {@code close()} stops it.
 */
public final class TestAgent implements AutoCloseable {
    private final Agent agent;

    private TestAgent(Agent agent) {
        this.agent = agent;
    }

    /** A dev agent (in-memory Raft) with HTTP and Raft on free ports and DNS off. */
    public static TestAgent start(String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-dev", "-http-port=" + freePort(), "-server-port=" + freePort(),
                "-dns-port=-1", "-node=test-node"));
        args.addAll(List.of(extraArgs));
        return new TestAgent(Agent.start(ConfigLoader.load(args)));
    }

    /**
     * A dev agent as {@link #start}, with DNS on a port free for both UDP and TCP ({@code -dns-port=0} would
     * disable DNS, as in Consul; the later {@code -dns-port} flag wins over the default one).
     */
    public static TestAgent startWithDns(String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-dns-port=" + freeUdpAndTcpPort()));
        args.addAll(List.of(extraArgs));
        return start(args.toArray(String[]::new));
    }

    /** A port that neither a UDP nor a TCP socket is bound to right now. */
    public static int freeUdpAndTcpPort() throws java.io.IOException {
        for (int attempt = 0; ; attempt++) {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0);
                    java.net.ServerSocket tcp = new java.net.ServerSocket(udp.getLocalPort())) {
                return tcp.getLocalPort();
            } catch (java.net.BindException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** A port nothing listens on right now (Raft needs a concrete port to advertise). */
    public static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String httpAddress() {
        return "http://127.0.0.1:" + agent.httpPort();
    }

    public int httpPort() {
        return agent.httpPort();
    }

    /** The bound DNS port (UDP and TCP), or -1 when DNS is off. */
    public int dnsPort() {
        return agent.dnsPort();
    }

    public Agent agent() {
        return agent;
    }

    @Override
    public void close() throws Exception {
        agent.close();
    }
}
