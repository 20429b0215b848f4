// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Builds the {@link CheckRunner} for a {@link CheckDefinition} and owns what runners share: one Netty event loop
 * thread (HTTP, H2PING) and a virtual-thread executor (TCP, UDP, scripts, name lookups). gRPC uses gRPC's own
 * shared event loop.
 *
 * <p>Why one factory: thousands of checks must share a handful of threads, and closing the agent must release
 * them in one place. TTL checks get a {@link TtlCheck} instead of a runner; alias checks need the catalog and are
 * wired elsewhere.
 */
public final class CheckRunnerFactory implements AutoCloseable {

    private final CheckRunnerSettings settings;
    private final EventLoopGroup group;
    private final ExecutorService blocking;

    /** Creates the shared threads. */
    public CheckRunnerFactory(CheckRunnerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("consulate-check-io", true),
                NioIoHandler.newFactory());
        this.blocking = Executors.newVirtualThreadPerTaskExecutor();
    }

    /**
     * The runner for a definition.
     *
     * @throws IllegalArgumentException for TTL checks (use {@link #ttl}) and alias checks (they need the catalog)
     */
    public CheckRunner create(CheckDefinition def) {
        int maxOutput = settings.outputMaxSize(def.common());
        return switch (def) {
            case CheckDefinition.Http http -> new HttpCheckRunner(http, group, blocking, settings.tls(),
                    settings);
            case CheckDefinition.Tcp tcp -> new TcpCheckRunner(tcp, blocking, settings.tls());
            case CheckDefinition.Udp udp -> new UdpCheckRunner(udp, blocking);
            case CheckDefinition.Grpc grpc -> new GrpcCheckRunner(grpc, settings.tls());
            case CheckDefinition.H2Ping h2 -> new H2PingCheckRunner(h2, group, blocking, settings.tls());
            case CheckDefinition.Script script -> new ScriptCheckRunner(script, blocking, maxOutput);
            case CheckDefinition.DockerContainer d -> unsupported("Docker");
            case CheckDefinition.OsService s -> unsupported("OSService");
            case CheckDefinition.Ttl t -> throw new IllegalArgumentException(
                    "TTL checks are not run; use CheckRunnerFactory.ttl");
            case CheckDefinition.Alias a -> throw new IllegalArgumentException(
                    "alias checks need the catalog and have no runner here");
        };
    }

    /** The state of a TTL check, starting its clock now. */
    public TtlCheck ttl(CheckDefinition.Ttl def, Clock clock) {
        return new TtlCheck(def.ttl(), clock, settings.outputMaxSize(def.common()));
    }

    private static CheckRunner unsupported(String kind) {
        CheckResult result = CheckResult.critical(kind + " checks are not supported by this agent");
        return timeout -> CompletableFuture.completedFuture(result);
    }

    /** Stops the shared threads; runs still in flight fail. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        blocking.shutdownNow();
    }
}
