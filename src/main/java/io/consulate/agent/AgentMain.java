package io.consulate.agent;

import io.consulate.agent.config.AgentConfig;
import io.consulate.agent.config.ConfigException;
import io.consulate.agent.config.ConfigLoader;
import io.consulate.log.LogSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code consulate agent ...}: loads the configuration, starts the {@link Agent}, writes the pid file,
 * and shuts down cleanly on SIGTERM/SIGINT (removing the pid file).
 */
public final class AgentMain {
    private AgentMain() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        AgentConfig cfg;
        try {
            cfg = ConfigLoader.load(args);
        } catch (ConfigException e) {
            err.println("==> " + e.getMessage());
            return 1;
        }
        LogSettings.configure(cfg.logLevel(), cfg.logJson(), err);
        Agent agent;
        try {
            agent = Agent.start(cfg);
        } catch (IllegalArgumentException e) {
            err.println("==> " + e.getMessage());
            return 1;
        } catch (BindException e) {
            err.println("==> Error starting agent: failed to listen: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("==> Error starting agent: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        banner(out, cfg, agent);
        List<String> notActedOn = new java.util.ArrayList<>(cfg.ignoredKeys());
        if (cfg.ui() && !cfg.dev()) {
            // -dev turns the UI on by default; only an explicit request deserves the warning.
            notActedOn.add("ui");
        }
        if (!notActedOn.isEmpty()) {
            err.println("==> WARNING: accepted but not acted on by Consulate yet: " + String.join(", ", notActedOn));
        }
        if (!writePid(cfg, err)) {
            closeQuietly(agent);
            return 1;
        }
        agent.reloader().source(() -> {
            try {
                return ConfigLoader.load(args);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        onSighup(agent, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("==> Caught signal, shutting down");
            closeQuietly(agent);
            deletePid(cfg);
            stopped.countDown();
        }, "consulate-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** SIGHUP reloads the configuration files, as in Consul; a failure is logged and the agent runs on. */
    private static void onSighup(Agent agent, PrintStream err) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> Thread.ofVirtual().start(() -> {
                try {
                    agent.reloader().reload();
                } catch (RuntimeException e) {
                    err.println("==> Failed to reload configs: " + e.getMessage());
                }
            }));
        } catch (IllegalArgumentException e) {
            err.println("==> WARNING: SIGHUP is not available here; use 'consulate reload'");
        }
    }

    private static void banner(PrintStream out, AgentConfig cfg, Agent agent) {
        out.println("==> Starting Consulate agent...");
        out.println("              Version: '" + io.consulate.server.ServerInfo.CONSULATE_VERSION
                + "' (Consul API " + io.consulate.server.ServerInfo.CONSUL_VERSION + ")");
        out.println("              Node ID: '" + agent.info().nodeId() + "'");
        out.println("            Node name: '" + cfg.nodeName() + "'");
        out.println("           Datacenter: '" + cfg.datacenter() + "'");
        out.println("               Server: true (Bootstrap: true, Dev: " + cfg.dev() + ")");
        out.println("          Client Addr: [" + cfg.httpAddr() + "] (HTTP: " + agent.httpPort() + ")");
        out.println("         Cluster Addr: " + cfg.advertiseAddr() + " (Raft: " + agent.info().rpcAddress() + ")");
        out.println("             Data Dir: " + (cfg.dataDir() == null ? "(in memory)" : cfg.dataDir()));
        out.println();
        out.println("==> Consulate agent running!");
        out.flush();
    }

    private static boolean writePid(AgentConfig cfg, PrintStream err) {
        if (cfg.pidFile() == null) {
            return true;
        }
        try {
            if (cfg.pidFile().getParent() != null) {
                Files.createDirectories(cfg.pidFile().getParent());
            }
            Files.writeString(cfg.pidFile(), Long.toString(ProcessHandle.current().pid()));
            return true;
        } catch (IOException e) {
            err.println("==> Could not write pid file " + cfg.pidFile() + ": " + e.getMessage());
            return false;
        }
    }

    private static void deletePid(AgentConfig cfg) {
        if (cfg.pidFile() != null) {
            try {
                Files.deleteIfExists(cfg.pidFile());
            } catch (IOException ignored) {
                // nothing more to do while exiting
            }
        }
    }

    private static void closeQuietly(Agent agent) {
        try {
            agent.close();
        } catch (Exception ignored) {
            // exiting anyway
        }
    }
}
