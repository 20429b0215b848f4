// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Feeds random and mutated packets (seeded, so failures replay) through the whole query path for a bounded
 * time: nothing may throw, hang or answer with a packet that does not parse or carries another ID.
 */
class DnsFuzzTest {
    private static final long BUDGET_NANOS = 4_000_000_000L;
    private static final int MAX_ITERATIONS = 400_000;
    private static final int[] INTERESTING = {0x00, 0x01, 0x3F, 0x40, 0x7F, 0x80, 0xC0, 0xC1, 0xFF};

    static List<byte[]> seeds() throws Exception {
        List<byte[]> out = new ArrayList<>();
        String[] names = {"web.service.consul.", "_web._tcp.service.consul.", "alpha.node.dc1.consul.",
                "0a000001.addr.dc1.consul.", "1.0.0.10.in-addr.arpa.", "consul.", "service.consul.", "example.org."};
        int[] types = {Type.A, Type.AAAA, Type.SRV, Type.TXT, Type.ANY, Type.PTR, Type.SOA, Type.NS, Type.AXFR};
        for (String n : names) {
            for (int t : types) {
                Message m = Message.newQuery(Record.newRecord(Name.fromString(n), t, DClass.IN));
                out.add(m.toWire());
                m.addRecord(new OPTRecord(1232, 0, 0, 0, new ClientSubnetOption(24, InetAddress.getByName("10.0.0.0"))),
                        Section.ADDITIONAL);
                out.add(m.toWire());
            }
        }
        return out;
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] p = seed.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && p.length > 0; e++) {
            int at = rnd.nextInt(p.length);
            switch (rnd.nextInt(6)) {
                case 0 -> p[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> p[at] = (byte) INTERESTING[rnd.nextInt(INTERESTING.length)];
                case 2 -> p = Arrays.copyOf(p, at);
                case 3 -> { // duplicate a slice, as in a repeated record
                    int len = Math.min(p.length - at, 1 + rnd.nextInt(32));
                    byte[] longer = Arrays.copyOf(p, p.length + len);
                    System.arraycopy(p, at, longer, p.length, len);
                    p = longer;
                }
                case 4 -> { // a count field gets a random value
                    if (p.length >= 12) {
                        p[4 + 2 * rnd.nextInt(4) + 1] = (byte) rnd.nextInt(256);
                    }
                }
                default -> { // a compression pointer to a random offset
                    if (at + 1 < p.length) {
                        p[at] = (byte) (0xC0 | rnd.nextInt(4));
                        p[at + 1] = (byte) rnd.nextInt(256);
                    }
                }
            }
        }
        return p;
    }

    static byte[] randomPacket(Random rnd) {
        byte[] p = new byte[rnd.nextInt(700)];
        rnd.nextBytes(p);
        if (p.length > 3 && rnd.nextBoolean()) {
            p[2] &= 0x07; // mostly a query with opcode QUERY, so the decoder is reached
        }
        return p;
    }

    @Test
    void randomAndMutatedPacketsNeverBreakTheQueryPath() throws Exception {
        try (DnsFixture dns = DnsFixture.start()) {
            dns.service(node("alpha", "10.0.0.1", Map.of("k", "v"), Map.of()), "web", List.of("t"), "", 80,
                    Check.PASSING);
            QueryHandler handler = new QueryHandler(dns.config, dns.catalog, Clock.systemUTC(), () -> new Random(1));
            List<byte[]> seeds = seeds();
            Random rnd = new Random(20240601L);
            long start = System.nanoTime();
            long slowest = 0;
            int iterations = 0;
            int answered = 0;
            while (iterations < MAX_ITERATIONS && System.nanoTime() - start < BUDGET_NANOS) {
                byte[] packet = rnd.nextInt(4) == 0 ? randomPacket(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                long t0 = System.nanoTime();
                Outcome out = handler.handle(packet, rnd.nextBoolean());
                slowest = Math.max(slowest, System.nanoTime() - t0);
                iterations++;
                if (out instanceof Outcome.Reply r) {
                    Message reply = new Message(r.wire());
                    assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
                    assertThat(reply.getHeader().getID()).isEqualTo(((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF));
                    assertThat(r.wire().length).isLessThanOrEqualTo(ResponseWriter.MAX_TCP);
                    if (reply.getRcode() == Rcode.NOERROR) {
                        answered++;
                    }
                } else {
                    assertThat(out).isInstanceOf(Outcome.Drop.class);
                    assertThat(packet.length < 12 || (packet[2] & 0x80) != 0).as("only runts and responses drop")
                            .isTrue();
                }
            }
            System.out.printf("DNS fuzz: %d packets, %d answered NOERROR, slowest %.2f ms%n", iterations, answered,
                    slowest / 1e6);
            assertThat(iterations).isGreaterThan(10_000);
            assertThat(answered).isPositive();
            assertThat(slowest).as("slowest packet (ns)").isLessThan(250_000_000L);
        }
    }

    @Test
    void theLiveServerKeepsAnsweringAfterAFloodOfGarbage() throws Exception {
        try (DnsFixture dns = DnsFixture.start(); DatagramSocket s = new DatagramSocket()) {
            dns.register(node("alpha", "10.0.0.1"));
            List<byte[]> seeds = seeds();
            Random rnd = new Random(7);
            for (int i = 0; i < 3000; i++) {
                byte[] p = i % 2 == 0 ? randomPacket(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                s.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), dns.port()));
            }
            for (int i = 0; i < 30; i++) {
                Resolve.rawTcp(dns.port(), mutate(seeds.get(rnd.nextInt(seeds.size())), rnd));
            }
            Message ok = Resolve.query(dns.port(), "alpha.node.consul.", Type.A, false);
            assertThat(ok.getSection(Section.ANSWER)).hasSize(1);
            assertThat(Resolve.query(dns.port(), "alpha.node.consul.", Type.A, true).getSection(Section.ANSWER))
                    .hasSize(1);
        }
    }
}
