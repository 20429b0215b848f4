// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCheckRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int HUGE = 10 * 1024 * 1024;
    private static final AtomicInteger METADATA_HITS = new AtomicInteger();

    private static ExecutorService serverThreads;
    private static HttpServer server;
    private static HttpsServer tlsServer;
    private static CheckRunnerFactory factory;
    private static String base;
    private static String tlsBase;

    @BeforeAll
    static void start() throws Exception {
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        int port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/ok", reply(200, "ok"));
        server.createContext("/busy", reply(429, "slow down"));
        server.createContext("/fail", reply(500, "boom"));
        server.createContext("/slow", ex -> {
            sleep(3_000);
            reply(200, "late").handle(ex);
        });
        server.createContext("/stall-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            sleep(3_000);
            ex.close();
        });
        server.createContext("/huge", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < HUGE / chunk.length; i++) {
                    out.write(chunk);
                }
                out.write("THE-END".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String h = ex.getRequestHeaders().entrySet().stream()
                    .filter(e -> List.of("User-agent", "Accept", "Host", "X-token", "Authorization")
                            .contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList().toString();
            reply(200, ex.getRequestMethod() + " " + h + " " + body).handle(ex);
        });
        server.createContext("/redirect", redirect(302, "/ok"));
        server.createContext("/see-other", redirect(303, "/echo"));
        server.createContext("/temporary", redirect(307, "/echo"));
        server.createContext("/loop", redirect(302, "/loop"));
        server.createContext("/to-other-host", redirect(302, "http://localhost:" + port + "/ok"));
        server.createContext("/to-metadata", redirect(302, "http://169.254.169.254/latest/meta-data/"));
        server.start();

        tlsServer = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tlsServer.setHttpsConfigurator(new HttpsConfigurator(TestCerts.get().serverContext()));
        tlsServer.setExecutor(serverThreads);
        tlsServer.createContext("/ok", reply(200, "secure"));
        tlsServer.start();
        tlsBase = "https://127.0.0.1:" + tlsServer.getAddress().getPort();

        factory = new CheckRunnerFactory(TestCerts.get().settings());
    }

    @AfterAll
    static void stop() {
        factory.close();
        server.stop(0);
        tlsServer.stop(0);
        serverThreads.shutdownNow();
    }

    private static HttpHandler reply(int code, String body) {
        return ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    private static HttpHandler redirect(int code, String location) {
        return ex -> {
            if (location.contains("169.254.169.254")) {
                METADATA_HITS.get(); // the target is unroutable; only the redirect answer matters
            }
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(code, -1);
            ex.close();
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CheckDefinition.Http http(String url) {
        return http(url, "", Map.of(), "", false, "", false);
    }

    private static CheckDefinition.Http http(String url, String method, Map<String, List<String>> header,
                                             String body, boolean skipVerify, String serverName,
                                             boolean disableRedirects) {
        CheckCommon common = new CheckCommon("c", "c", "", "", "", "", Duration.ofSeconds(10), Duration.ZERO,
                0, 0, 0, Duration.ZERO, 0);
        return new CheckDefinition.Http(common, url, method, header, body, skipVerify, serverName, disableRedirects);
    }

    private static CheckResult run(CheckDefinition def, Duration timeout) throws Exception {
        return factory.create(def).run(timeout).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }

    @Test
    void status200IsPassingWithConsulsOutput() throws Exception {
        assertThat(run(http(base + "/ok"), TIMEOUT))
                .isEqualTo(CheckResult.passing("HTTP GET " + base + "/ok: 200 OK Output: ok"));
    }

    @Test
    void status429IsWarning() throws Exception {
        // the JDK's server sends no reason phrase for 429; the status line is reported as the server wrote it
        assertThat(run(http(base + "/busy"), TIMEOUT)).isEqualTo(
                CheckResult.warning("HTTP GET " + base + "/busy: 429 Output: slow down"));
    }

    @Test
    void status500IsCritical() throws Exception {
        assertThat(run(http(base + "/fail"), TIMEOUT)).isEqualTo(
                CheckResult.critical("HTTP GET " + base + "/fail: 500 Internal Server Error Output: boom"));
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsCritical() throws Exception {
        long start = System.nanoTime();
        CheckResult r = run(http(base + "/slow"), Duration.ofMillis(300));

        assertThat(r).isEqualTo(CheckResult.critical("Get \"" + base + "/slow\": context deadline exceeded "
                + "(Client.Timeout exceeded while awaiting headers)"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyStillArrivingAtTheTimeoutKeepsTheStatusAndPartialOutput() throws Exception {
        assertThat(run(http(base + "/stall-body"), Duration.ofMillis(500)))
                .isEqualTo(CheckResult.passing("HTTP GET " + base + "/stall-body: 200 OK Output: partial"));
    }

    @Test
    void aHugeBodyIsReadToTheEndButOnlyItsLast4KibAreKept() throws Exception {
        CheckResult r = run(http(base + "/huge"), TIMEOUT);

        String prefix = "HTTP GET " + base + "/huge: 200 OK Output: ";
        assertThat(r.status()).isEqualTo("passing");
        assertThat(r.output()).startsWith(prefix).endsWith("THE-END");
        assertThat(r.output().length() - prefix.length()).isEqualTo(4096);
    }

    @Test
    void aConnectionRefusedIsCriticalWithGosText() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";

        assertThat(run(http(url), TIMEOUT)).isEqualTo(CheckResult.critical(
                "Get \"" + url + "\": dial tcp 127.0.0.1:" + port + ": connect: connection refused"));
    }

    @Test
    void methodHeadersAndBodyAreSentWithConsulsDefaultHeaders() throws Exception {
        CheckResult r = run(http(base + "/echo", "POST", Map.of("X-Token", List.of("abc")), "payload", false,
                "", false), TIMEOUT);

        assertThat(r.output()).isEqualTo("HTTP POST " + base + "/echo: 200 OK Output: POST [Accept=[text/plain, "
                + "text/*, */*], Host=[" + base.substring(7) + "], User-agent=[Consul Health Check], "
                + "X-token=[abc]] payload");
    }

    @Test
    void aHostHeaderOverridesTheRequestHost() throws Exception {
        CheckResult r = run(http(base + "/echo", "", Map.of("Host", List.of("svc.example")), "", false, "",
                false), TIMEOUT);

        assertThat(r.output()).contains("Host=[svc.example]");
    }

    @Test
    void sameHostRedirectsAreFollowedAndReportedUnderTheOriginalUrl() throws Exception {
        assertThat(run(http(base + "/redirect"), TIMEOUT))
                .isEqualTo(CheckResult.passing("HTTP GET " + base + "/redirect: 200 OK Output: ok"));
    }

    @Test
    void see303TurnsAPostIntoAGetWhile307KeepsIt() throws Exception {
        assertThat(run(http(base + "/see-other", "POST", Map.of(), "data", false, "", false), TIMEOUT).output())
                .endsWith("Output: GET [Accept=[text/plain, text/*, */*], Host=[" + base.substring(7)
                        + "], User-agent=[Consul Health Check]] ");
        assertThat(run(http(base + "/temporary", "POST", Map.of(), "data", false, "", false), TIMEOUT).output())
                .startsWith("HTTP POST ").endsWith(" data");
    }

    @Test
    void disableRedirectsMakesTheRedirectTheResult() throws Exception {
        assertThat(run(http(base + "/redirect", "", Map.of(), "", false, "", true), TIMEOUT))
                .isEqualTo(CheckResult.critical("HTTP GET " + base + "/redirect: 302 Temporary Redirect Output: "));
    }

    @Test
    void redirectsToAnotherHostAreNotFollowed() throws Exception {
        assertThat(run(http(base + "/to-other-host"), TIMEOUT))
                .isEqualTo(CheckResult.critical("HTTP GET " + base + "/to-other-host: 302 Temporary Redirect Output: "));
        assertThat(run(http(base + "/to-metadata"), TIMEOUT))
                .isEqualTo(CheckResult.critical("HTTP GET " + base + "/to-metadata: 302 Temporary Redirect Output: "));
    }

    @Test
    void aRedirectLoopStopsAfterTenRedirects() throws Exception {
        assertThat(run(http(base + "/loop"), TIMEOUT))
                .isEqualTo(CheckResult.critical("Get \"/loop\": stopped after 10 redirects"));
    }

    @Test
    void anUnsupportedSchemeIsCritical() throws Exception {
        assertThat(run(http("ftp://127.0.0.1/x"), TIMEOUT)).isEqualTo(
                CheckResult.critical("Get \"ftp://127.0.0.1/x\": unsupported protocol scheme \"ftp\""));
    }

    @Test
    void httpsWithTlsSkipVerifyAcceptsAnyCertificate() throws Exception {
        try (CheckRunnerFactory systemTrust = new CheckRunnerFactory(CheckRunnerSettings.defaults())) {
            CheckResult r = systemTrust.create(http(tlsBase + "/ok", "", Map.of(), "", true, "", false))
                    .run(TIMEOUT).get(10, TimeUnit.SECONDS);

            assertThat(r).isEqualTo(CheckResult.passing("HTTP GET " + tlsBase + "/ok: 200 OK Output: secure"));
        }
    }

    @Test
    void httpsVerifiesTheChainAndTheServerName() throws Exception {
        assertThat(run(http(tlsBase + "/ok", "", Map.of(), "", false, TestCerts.NAME, false), TIMEOUT).status())
                .isEqualTo("passing");
        CheckResult wrongName = run(http(tlsBase + "/ok"), TIMEOUT);
        assertThat(wrongName.status()).isEqualTo("critical");
        assertThat(wrongName.output()).startsWith("Get \"" + tlsBase + "/ok\": tls: ");
    }

    @Test
    void httpsWithAnUntrustedCertificateIsCritical() throws Exception {
        try (CheckRunnerFactory systemTrust = new CheckRunnerFactory(CheckRunnerSettings.defaults())) {
            CheckResult r = systemTrust.create(http(tlsBase + "/ok", "", Map.of(), "", false, TestCerts.NAME,
                    false)).run(TIMEOUT).get(10, TimeUnit.SECONDS);

            assertThat(r.status()).isEqualTo("critical");
            assertThat(r.output()).contains("tls: ");
        }
    }
}
