// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs an HTTP check the way Consul does: one request (default GET) with the check's headers and body,
 * {@code User-Agent: Consul Health Check}, {@code Accept: text/plain, text/*, *&#47;*}, no keep-alive; 2xx is
 * passing, 429 warning, anything else critical, with Output {@code "HTTP GET <url>: 200 OK Output: <body>"} where
 * the body is its last {@code check_output_max_size} bytes.
 *
 * <p>Redirects: like Go's client, up to 10 are followed unless {@code DisableRedirects} is set (301/302/303 turn
 * into GET without body, 307/308 keep both). Unlike Consul, a redirect to another scheme, host or port is not
 * followed by default (SSRF, CVE-2022-29153): that 3xx response becomes the result, as with
 * {@code DisableRedirects}. {@link CheckRunnerSettings#crossHostRedirects()} restores Consul's behaviour.
 */
final class HttpCheckRunner implements CheckRunner {

    static final String USER_AGENT = "Consul Health Check";
    static final String ACCEPT = "text/plain, text/*, */*";
    private static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> SENSITIVE = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    private final CheckDefinition.Http def;
    private final EventLoopGroup group;
    private final Executor blocking;
    private final CheckTls tls;
    private final CheckRunnerSettings settings;

    HttpCheckRunner(CheckDefinition.Http def, EventLoopGroup group, Executor blocking, CheckTls tls,
                    CheckRunnerSettings settings) {
        this.def = def;
        this.group = group;
        this.blocking = blocking;
        this.tls = tls;
        this.settings = settings;
    }

    /** One hop of the request chain. */
    private record Hop(URI uri, String method, String body, boolean crossedHost, int redirects) {
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        String method = def.method().isEmpty() ? "GET" : def.method();
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri;
        try {
            uri = new URI(def.url());
        } catch (Exception e) {
            return done(CheckResult.critical("parse \"" + def.url() + "\": " + e.getMessage()));
        }
        return attempt(new Hop(uri, method, def.body(), false, 0), deadline)
                .handle((answer, error) -> error == null
                        ? result(method, answer)
                        : CheckResult.critical(unwrap(error).getMessage()));
    }

    private CompletableFuture<HttpExchange.Answer> attempt(Hop hop, long deadline) {
        String scheme = hop.uri().getScheme() == null ? "" : hop.uri().getScheme().toLowerCase(Locale.ROOT);
        String op = goOp(def.method().isEmpty() ? "GET" : def.method()) + " \"" + hop.uri() + "\": ";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return failed(op + "unsupported protocol scheme \"" + scheme + "\"");
        }
        String host = hop.uri().getHost();
        if (host == null || host.isEmpty()) {
            return failed(op + "http: no Host in request URL");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = port(hop.uri());
        String dialAddress = (bareHost.contains(":") ? "[" + bareHost + "]" : bareHost) + ":" + port;
        return CompletableFuture
                .supplyAsync(() -> resolve(bareHost, port, op, dialAddress), blocking)
                .thenCompose(address -> HttpExchange.send(group, address, GoErrors.hostPort(address),
                        () -> request(hop), scheme.equals("https")
                                ? tls.engine(bareHost, port, def.tlsSkipVerify(), def.tlsServerName(),
                                        List.of("http/1.1"))
                                : null,
                        deadline, settings.outputMaxSize(def.common()))
                        .exceptionallyCompose(e -> failed(op + unwrap(e).getMessage())))
                .thenCompose(answer -> followOrReturn(hop, answer, deadline, op));
    }

    private CompletableFuture<HttpExchange.Answer> followOrReturn(Hop hop, HttpExchange.Answer answer,
                                                                   long deadline, String op) {
        if (def.disableRedirects() || !REDIRECTS.contains(answer.code()) || answer.location() == null
                || answer.location().isEmpty()) {
            return CompletableFuture.completedFuture(answer);
        }
        URI next;
        try {
            next = hop.uri().resolve(answer.location());
        } catch (IllegalArgumentException e) {
            return failed(op + "failed to parse Location header \"" + answer.location() + "\": " + e.getMessage());
        }
        boolean sameOrigin = sameOrigin(hop.uri(), next);
        if (!sameOrigin && !settings.crossHostRedirects()) {
            return CompletableFuture.completedFuture(answer);
        }
        if (hop.redirects() >= MAX_REDIRECTS) {
            String firstOp = goOp(def.method().isEmpty() ? "GET" : def.method());
            return failed(firstOp + " \"" + answer.location() + "\": stopped after 10 redirects");
        }
        boolean keepMethod = answer.code() == 307 || answer.code() == 308;
        String method = keepMethod || hop.method().equals("HEAD") ? hop.method() : "GET";
        String body = keepMethod ? hop.body() : "";
        return attempt(new Hop(next, method, body, hop.crossedHost() || !sameOrigin, hop.redirects() + 1), deadline);
    }

    private InetSocketAddress resolve(String host, int port, String op, String dialAddress) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (Exception e) {
            throw new CompletionException(new HttpExchange.Failure(op + GoErrors.dial("tcp", dialAddress, e)));
        }
    }

    private FullHttpRequest request(Hop hop) {
        byte[] body = hop.body().getBytes(StandardCharsets.UTF_8);
        String path = hop.uri().getRawPath() == null || hop.uri().getRawPath().isEmpty()
                ? "/" : hop.uri().getRawPath();
        if (hop.uri().getRawQuery() != null) {
            path += "?" + hop.uri().getRawQuery();
        }
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(hop.method()),
                path, Unpooled.wrappedBuffer(body));
        HttpHeaders h = req.headers();
        h.set(HttpHeaderNames.HOST, hop.uri().getRawAuthority().replaceFirst("^.*@", ""));
        for (Map.Entry<String, List<String>> e : def.header().entrySet()) {
            if (hop.crossedHost() && SENSITIVE.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                continue; // like Go, do not leak credentials to another host
            }
            if (e.getKey().equalsIgnoreCase("Host")) {
                if (!e.getValue().isEmpty() && !e.getValue().get(0).isEmpty()) {
                    h.set(HttpHeaderNames.HOST, e.getValue().get(0));
                }
                continue;
            }
            h.remove(e.getKey());
            e.getValue().forEach(v -> h.add(e.getKey(), v));
        }
        if (!h.contains(HttpHeaderNames.USER_AGENT)) {
            h.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
        }
        if (!h.contains(HttpHeaderNames.ACCEPT)) {
            h.set(HttpHeaderNames.ACCEPT, ACCEPT);
        }
        h.set(HttpHeaderNames.CONNECTION, "close");
        if (body.length > 0 || Set.of("POST", "PUT", "PATCH").contains(hop.method())) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return req;
    }

    private CheckResult result(String method, HttpExchange.Answer answer) {
        String output = "HTTP " + method + " " + def.url() + ": " + answer.status() + " Output: " + answer.body();
        if (answer.code() >= 200 && answer.code() <= 299) {
            return CheckResult.passing(output);
        }
        if (answer.code() == 429) {
            return CheckResult.warning(output);
        }
        return CheckResult.critical(output);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Go's {@code urlErrorOp}: "GET" is reported as "Get". */
    private static String goOp(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static <T> CompletableFuture<T> failed(String message) {
        return CompletableFuture.failedFuture(new HttpExchange.Failure(message));
    }

    private static CompletableFuture<CheckResult> done(CheckResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
