package io.consulate.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Consulate agent in its own JVM, so tests can SIGKILL and SIGTERM it like an operator would. */
final class AgentProcess implements AutoCloseable {
    final int httpPort;
    final Process process;
    final Path log;

    private AgentProcess(int httpPort, Process process, Path log) {
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static AgentProcess start(Path logDir, int httpPort, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.consulate.Main", "agent"));
        cmd.addAll(List.of(args));
        cmd.add("-http-port=" + httpPort);
        if (List.of(args).stream().noneMatch(a -> a.startsWith("-dns-port"))) {
            cmd.add("-dns-port=-1");
        }
        Path log = logDir.resolve("agent-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AgentProcess(httpPort, p, log);
    }

    /** Waits until /v1/status/leader names a leader; fails with the agent's log otherwise. */
    void awaitLeader(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("agent exited " + process.exitValue() + ":\n" + java.nio.file.Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/v1/status/leader")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && !r.body().equals("\"\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + timeout + ":\n" + java.nio.file.Files.readString(log));
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
