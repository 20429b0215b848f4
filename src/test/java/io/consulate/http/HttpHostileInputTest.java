package io.consulate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.Http;
import io.consulate.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed and oversized requests over raw sockets: each gets a clear status and the server stays up. */
class HttpHostileInputTest {
    private static TestAgent agent;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        http = new Http(agent.httpAddress());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static String raw(String request) throws Exception {
        return Http.raw(agent.httpPort(), request);
    }

    private static void assertStillServing() throws Exception {
        assertThat(http.get("/v1/status/leader").statusCode()).isEqualTo(200);
    }

    @Test
    void declaredBodyOverLimitIs413BeforeReading() throws Exception {
        String resp = raw("PUT /v1/kv/big HTTP/1.1\r\nHost: x\r\nContent-Length: 600000\r\n\r\nabc");
        assertThat(resp).startsWith("HTTP/1.1 413");
        assertThat(resp).contains("max size: 524288 bytes");
        assertStillServing();
    }

    @Test
    void clientStillSendingAnOversizedBodyReadsThe413() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        for (int i = 0; i < 20; i++) {
            assertThat(http.put("/v1/kv/huge", big).statusCode()).isEqualTo(413);
        }
        assertStillServing();
    }

    @Test
    void chunkedBodyOverLimitIs413WhileStreaming() throws Exception {
        StringBuilder req = new StringBuilder("PUT /v1/kv/bigchunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(65536);
        for (int i = 0; i < 9; i++) {
            req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        req.append("0\r\n\r\n");
        String resp = raw(req.toString());
        assertThat(resp).startsWith("HTTP/1.1 413");
        assertThat(http.get("/v1/kv/bigchunked").statusCode()).isEqualTo(404);
    }

    @Test
    void chunkedBodyUnderLimitIsStored() throws Exception {
        String resp = raw("PUT /v1/kv/smallchunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 200").endsWith("true");
        assertThat(http.get("/v1/kv/smallchunked?raw").body()).isEqualTo("hello world");
    }

    @Test
    void bodyLongerThanContentLengthIsNotTrusted() throws Exception {
        String resp = raw("PUT /v1/kv/liar HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGARBAGE-THAT-IS-NOT-HTTP\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 200");
        assertThat(resp).contains("HTTP/1.1 400");
        assertThat(http.get("/v1/kv/liar?raw").body()).isEqualTo("abc");
    }

    @Test
    void bodyShorterThanContentLengthTimesOutInsteadOfWedging() throws Exception {
        // Only the server's body timeout ends this; the test bound proves it does not hang forever.
        String resp = Http.raw(agent.httpPort(),
                "PUT /v1/kv/short HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1),
                Duration.ofSeconds(45));
        assertThat(resp).startsWith("HTTP/1.1 408");
        assertStillServing();
    }

    @Test
    void negativeContentLengthIsRejected() throws Exception {
        assertThat(raw("PUT /v1/kv/neg HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertStillServing();
    }

    @Test
    void conflictingContentLengthsAreRejected() throws Exception {
        assertThat(raw("PUT /v1/kv/dup HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void hugeHeadersAre431() throws Exception {
        String resp = raw("GET /v1/kv/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40000) + "\r\n\r\n");
        assertThat(resp).startsWith("HTTP/1.1 431");
        assertStillServing();
    }

    @Test
    void hugeRequestLineIs414() throws Exception {
        assertThat(raw("GET /v1/kv/" + "a".repeat(20000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
    }

    @Test
    void garbageIsA400() throws Exception {
        assertThat(raw("\u0001\u0002 NOT HTTP AT ALL\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertStillServing();
    }

    @Test
    void malformedPercentEncodingIs400() throws Exception {
        assertThat(raw("GET /v1/kv/a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /v1/kv/a%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /v1/kv/a?index=%g1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void badQueryValuesAre400WithReason() throws Exception {
        assertThat(http.get("/v1/kv/a?index=abc").body()).isEqualTo("Invalid index");
        assertThat(http.get("/v1/kv/a?index=-1").statusCode()).isEqualTo(400);
        assertThat(http.get("/v1/kv/a?index=1&wait=10").body()).isEqualTo("Invalid wait time");
        assertThat(http.get("/v1/kv/a?index=1&wait=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        var notFound = http.get("/v1/nope");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        var wrong = http.method("POST", "/v1/kv/x");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
        assertThat(http.method("DELETE", "/v1/status/leader").headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void errorsNeverCarryStackTraces() throws Exception {
        for (String path : new String[] {"/v1/kv/a?index=x", "/v1/nope", "/v1/kv/?keys&index=1&wait=1x"}) {
            String body = http.get(path).body();
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void expectContinueIsHonoured() throws Exception {
        String resp = raw("PUT /v1/kv/cont HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nok");
        assertThat(resp).startsWith("HTTP/1.1 100 Continue");
        assertThat(resp).contains("HTTP/1.1 200");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String resp = raw("PUT /v1/kv/pipe HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n1"
                + "GET /v1/kv/pipe?raw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(resp.indexOf("true")).isLessThan(resp.lastIndexOf("HTTP/1.1 200"));
        assertThat(resp).endsWith("1");
    }
}
