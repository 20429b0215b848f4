package io.consulate.http;

import java.time.Duration;

/**
 * Transport limits of the HTTP API, with their defaults.
 *
 * @param maxInitialLine     longest request line (414 beyond it)
 * @param maxHeaderBytes     largest header block (431 beyond it)
 * @param maxConnsPerClient  concurrent connections one IP may hold (Consul's http_max_conns_per_client)
 * @param bodyTimeout        time allowed between the headers and the end of the body
 * @param maxPipelined       requests a client may send ahead while one is in flight
 */
public record HttpLimits(int maxInitialLine, int maxHeaderBytes, int maxConnsPerClient, Duration bodyTimeout,
                         int maxPipelined) {
    public static HttpLimits defaults() {
        return new HttpLimits(16 * 1024, 16 * 1024, 200, Duration.ofSeconds(30), 16);
    }

    public HttpLimits withMaxConnsPerClient(int n) {
        return new HttpLimits(maxInitialLine, maxHeaderBytes, n, bodyTimeout, maxPipelined);
    }
}
