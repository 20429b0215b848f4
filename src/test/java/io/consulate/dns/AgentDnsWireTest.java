// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real agent's DNS interface at the edges, configured only through agent flags and HCL the way an operator
 * configures Consul: answers too big for UDP, {@code recursors} pointing at a test resolver on loopback,
 * {@code dns_config.soa}, {@code only_passing}, and hostile packets (malformed, then a bounded fuzz flood).
 */
class AgentDnsWireTest {
    private static final int BIG = 30;
    private static final long FUZZ_NANOS = 2_000_000_000L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeUpstream upstream;
    private static TestAgent agent;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream(9, FakeUpstream.Mode.ANSWER);
        agent = TestAgent.startWithDns("-recursor=" + upstream.address(),
                "-hcl=dns_config { only_passing = true\n udp_answer_limit = 2\n recursor_timeout = \"1s\"\n"
                        + " soa { min_ttl = 17\n refresh = 1234 } }");
        port = agent.dnsPort();
        for (int i = 1; i <= BIG; i++) {
            put("/v1/catalog/register", String.format("{\"Node\":\"big-%02d\",\"Address\":\"10.4.0.%d\","
                    + "\"Service\":{\"Service\":\"big\",\"Port\":%d}}", i, i, 7000 + i));
        }
        for (int i = 1; i <= 2; i++) {
            put("/v1/agent/service/register", "{\"ID\":\"gate" + i + "\",\"Name\":\"gate\",\"Address\":\"10.6.0." + i
                    + "\",\"Port\":443,\"Check\":{\"TTL\":\"600s\",\"Status\":\"passing\"}}");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        upstream.close();
    }

    private static void put(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(agent.httpAddress() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("PUT %s: %s", path, r.body()).isEqualTo(200);
    }

    @Test
    void anSrvAnswerTooBigForUdpSetsTcAndTcpCarriesEveryRecord() throws Exception {
        Dig.Result udp = Dig.query(port, "big.service.consul", "SRV", "+noedns", "+ignore");
        assertThat(udp.flags()).contains("tc");
        assertThat(udp.answer().size()).isLessThan(BIG);
        Dig.Result tcp = Dig.query(port, "big.service.consul", "SRV", "+tcp");
        assertThat(tcp.flags()).doesNotContain("tc");
        assertThat(tcp.answer()).hasSize(BIG);
        assertThat(tcp.additional()).filteredOn(rr -> rr.type().equals("A")).hasSize(BIG);
        assertThat(Dig.query(port, "big.service.consul", "SRV", "+noedns").answer()).as("dig retries over TCP")
                .hasSize(BIG);

        Message jUdp = Resolve.query(port, "big.service.consul.", Type.SRV, false);
        assertThat(jUdp.getHeader().getFlag(Flags.TC)).isTrue();
        Message jTcp = Resolve.query(port, "big.service.consul.", Type.SRV, true);
        assertThat(jTcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(jTcp.getSection(Section.ANSWER)).hasSize(BIG);
    }

    @Test
    void repeatedQuestionsStillEchoTheCaseEachWasAskedIn() throws Exception {
        for (String asked : List.of("big.service.consul.", "BiG.Service.consul.", "big.service.consul.")) {
            Dig.Result r = Dig.query(port, asked, "SRV", "+tcp");
            assertThat(r.answer()).hasSize(BIG).allSatisfy(rr -> assertThat(rr.name()).isEqualTo(asked));
        }
    }

    @Test
    void udpAnswerLimitFromConfigCapsUdpAddressesButNotTcp() throws Exception {
        assertThat(Dig.query(port, "big.service.consul", "A", "+noedns", "+ignore").answer()).hasSize(2);
        assertThat(Dig.query(port, "big.service.consul", "A", "+tcp").answer()).hasSize(BIG);
    }

    @Test
    void namesOutsideTheZoneGoToTheConfiguredRecursorOverUdpAndTcp() throws Exception {
        Dig.Result udp = Dig.query(port, "www.example.org", "A");
        assertThat(udp.status()).isEqualTo("NOERROR");
        assertThat(udp.flags()).contains("ra").doesNotContain("aa");
        assertThat(udp.answerData("A")).containsExactly("192.0.2.9");
        assertThat(Dig.query(port, "www.example.org", "A", "+tcp").answerData("A")).containsExactly("192.0.2.9");
        assertThat(Dig.query(port, "missing.example", "A").status()).isEqualTo("NXDOMAIN");
        assertThat(Resolve.query(port, "api.example.net.", Type.A, true).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void ourOwnNamesAreNeverForwardedEvenWhenUnknown() throws Exception {
        int before = upstream.queries();
        Dig.Result nx = Dig.query(port, "nosuch.service.consul", "A");
        assertThat(nx.status()).isEqualTo("NXDOMAIN");
        assertThat(nx.flags()).contains("aa");
        assertThat(Dig.query(port, "big.service.consul", "MX").status()).isEqualTo("NOERROR");
        assertThat(upstream.queries()).isEqualTo(before);
    }

    @Test
    void soaFromConfigGivesTheNegativeCachingTtl() throws Exception {
        Dig.Result nx = Dig.query(port, "nosuch.node.consul", "A");
        assertThat(nx.authority()).singleElement().satisfies(soa -> {
            assertThat(soa.type()).isEqualTo("SOA");
            assertThat(soa.ttl()).isEqualTo(17);
            assertThat(soa.data()).endsWith(" 1234 600 86400 17");
        });
    }

    @Test
    void onlyPassingFromConfigDropsAWarningInstanceFromTheNextAnswer() throws Exception {
        assertThat(Dig.query(port, "gate.service.consul", "A", "+tcp").answerData("A")).hasSize(2);
        put("/v1/agent/check/warn/service:gate1", "");
        assertThat(Dig.query(port, "gate.service.consul", "A").answerData("A")).containsExactly("10.6.0.2");
        put("/v1/agent/check/pass/service:gate1", "");
        assertThat(Dig.query(port, "gate.service.consul", "A").answerData("A")).hasSize(2);
    }

    @Test
    void malformedPacketsGetFormerrAndRuntsAndResponsesAreDropped() throws Exception {
        byte[] good = query("big.service.consul.", Type.A).toWire();
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] loop = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};
        byte[] wrongCounts = good.clone();
        wrongCounts[7] = 5; // five answers claimed, none present
        for (byte[] bad : List.of(truncated, loop, wrongCounts)) {
            Message udp = new Message(Resolve.rawUdp(port, bad, 2000));
            assertThat(udp.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(udp.getHeader().getID()).isEqualTo(((bad[0] & 0xFF) << 8) | (bad[1] & 0xFF));
            assertThat(new Message(Resolve.rawTcp(port, bad)).getRcode()).isEqualTo(Rcode.FORMERR);
        }
        byte[] response = good.clone();
        response[2] |= (byte) 0x80;
        assertThat(Resolve.rawUdp(port, response, 300)).isNull();
        assertThat(Resolve.rawUdp(port, new byte[] {1, 2, 3}, 300)).isNull();
        assertThat(Resolve.rawTcp(port, new byte[] {1, 2, 3})).isNull();
    }

    @Test
    void aBoundedFuzzFloodGetsOnlyWellFormedRepliesAndTheAgentKeepsAnswering() throws Exception {
        List<byte[]> seeds = DnsFuzzTest.seeds();
        Random rnd = new Random(5150);
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger badReplies = new AtomicInteger();
        int sent = 0;
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            Thread reader = Thread.ofVirtual().start(() -> readReplies(s, replies, badReplies));
            long start = System.nanoTime();
            while (System.nanoTime() - start < FUZZ_NANOS && sent < 50_000) {
                byte[] p = rnd.nextInt(4) == 0 ? DnsFuzzTest.randomPacket(rnd)
                        : DnsFuzzTest.mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                s.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
                sent++;
                if (sent % 64 == 0) {
                    Thread.sleep(1); // pace a little so the reader is not starved on a small machine
                }
            }
            reader.join(5000);
        }
        System.out.printf("agent DNS fuzz: %d packets sent, %d replies%n", sent, replies.get());
        assertThat(badReplies.get()).as("replies that do not parse as responses").isZero();
        assertThat(replies.get()).isPositive();
        assertThat(Resolve.query(port, "big.service.consul.", Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Resolve.query(port, "big.service.consul.", Type.SRV, true).getSection(Section.ANSWER))
                .hasSize(BIG);
    }

    /** Reads replies until none has come for the socket's timeout, counting those that are not DNS responses. */
    private static void readReplies(DatagramSocket s, AtomicInteger replies, AtomicInteger bad) {
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (java.io.IOException e) {
                return;
            }
            replies.incrementAndGet();
            try {
                if (!new Message(Arrays.copyOf(buf, p.getLength())).getHeader().getFlag(Flags.QR)) {
                    bad.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                bad.incrementAndGet();
            }
        }
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }
}
