// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The same server through dnsjava's resolver over UDP and TCP, and raw packets on the wire. */
class ResolverWireTest {
    private static DnsFixture dns;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dns = DnsFixture.start();
        port = dns.port();
        for (int i = 1; i <= 300; i++) {
            dns.service(node("host-" + i, "10.4." + (i / 256) + "." + (i % 256)), "huge", List.of(), "", 9000,
                    Check.PASSING);
        }
        dns.service(node("alpha", "10.0.0.1", Map.of("rack", "r1"), Map.of()), "web", List.of("green"), "", 80,
                Check.PASSING);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void everyLookupFormAnswersOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            assertThat(addresses(Resolve.query(port, "alpha.node.consul.", Type.A, tcp))).containsExactly("10.0.0.1");
            assertThat(addresses(Resolve.query(port, "green.web.service.consul.", Type.A, tcp)))
                    .containsExactly("10.0.0.1");
            Message srv = Resolve.query(port, "_web._green.service.consul.", Type.SRV, tcp);
            assertThat(srv.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(((SRVRecord) r).getPort()).isEqualTo(80));
            assertThat(addresses(Resolve.query(port, "0a000001.addr.dc1.consul.", Type.A, tcp)))
                    .containsExactly("10.0.0.1");
            Message ptr = Resolve.query(port, ReverseMap.fromAddress("10.0.0.1").toString(), Type.PTR, tcp);
            assertThat(ptr.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("alpha.node.dc1.consul.");
            assertThat(Resolve.query(port, "consul.", Type.SOA, tcp).getSection(Section.ANSWER)).hasSize(1);
            assertThat(Resolve.query(port, "nope.node.consul.", Type.A, tcp).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        }
    }

    @Test
    void tcpCarriesThreeHundredSrvRecordsThatUdpCannot() throws Exception {
        Message udp = Resolve.query(port, "huge.service.consul.", Type.SRV, false);
        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(udp.getSection(Section.ANSWER).size()).isLessThan(300);
        Message tcp = Resolve.query(port, "huge.service.consul.", Type.SRV, true);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(300);
        assertThat(tcp.getSection(Section.ADDITIONAL)).filteredOn(r -> r.getType() == Type.A).hasSize(300);
    }

    @Test
    void ednsPayloadSizeIsHonouredAndOurOptComesBack() throws Exception {
        Message q = query("huge.service.consul.", Type.A);
        q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message r = Resolve.send(port, q, false);
        assertThat(r.getOPT()).isNotNull();
        assertThat(r.getOPT().getPayloadSize()).isEqualTo(ResponseWriter.EDNS_PAYLOAD);
        assertThat(r.numBytes()).isBetween(4096 - 16, 4096); // as many 16-byte A records as fit
        assertThat(r.getSection(Section.ANSWER).size()).isBetween(200, 299);
        assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    }

    @Test
    void clientSubnetIsEchoedWithGlobalScope() throws Exception {
        Message q = query("alpha.node.consul.", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 0, 0,
                new ClientSubnetOption(24, InetAddress.getByName("192.0.2.0"))), Section.ADDITIONAL);
        Message r = Resolve.send(port, q, false);
        List<EDNSOption> ecs = r.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET);
        assertThat(ecs).singleElement().satisfies(o -> {
            assertThat(((ClientSubnetOption) o).getSourcePrefixLength()).isEqualTo(24);
            assertThat(((ClientSubnetOption) o).getScopePrefixLength()).isZero();
        });
    }

    @Test
    void questionCaseIsPreservedInTheAnswer() throws Exception {
        Message r = Resolve.query(port, "AlPhA.NoDe.CoNsUl.", Type.A, false);
        assertThat(r.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("AlPhA.NoDe.CoNsUl.");
    }

    @Test
    void zoneTransfersAndOtherClassesAreNotServed() throws Exception {
        // Raw over TCP: dnsjava's resolver turns any AXFR refusal into an exception rather than a message.
        byte[] axfr = query("consul.", Type.AXFR).toWire();
        assertThat(new Message(Resolve.rawTcp(port, axfr)).getRcode()).isEqualTo(Rcode.NOTIMP);
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertThat(Resolve.send(port, chaos, false).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void malformedPacketsGetFormerrOverUdpAndTcpAndTheServerKeepsAnswering() throws Exception {
        byte[] good = query("alpha.node.consul.", Type.A).toWire();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] loop = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};
        for (byte[] bad : List.of(truncated, loop)) {
            Message udp = new Message(Resolve.rawUdp(port, bad, 2000));
            assertThat(udp.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(udp.getHeader().getID()).isEqualTo(((bad[0] & 0xFF) << 8) | (bad[1] & 0xFF));
            assertThat(new Message(Resolve.rawTcp(port, bad)).getRcode()).isEqualTo(Rcode.FORMERR);
        }
        assertThat(addresses(Resolve.query(port, "alpha.node.consul.", Type.A, false))).containsExactly("10.0.0.1");
    }

    @Test
    void responsesAndRuntsAreDroppedWithoutAReply() throws Exception {
        byte[] response = query("alpha.node.consul.", Type.A).toWire();
        response[2] |= (byte) 0x80;
        assertThat(Resolve.rawUdp(port, response, 300)).isNull();
        assertThat(Resolve.rawUdp(port, new byte[] {1, 2, 3}, 300)).isNull();
        assertThat(Resolve.rawTcp(port, new byte[] {1, 2, 3})).isNull(); // closed, not left hanging
    }

    @Test
    void ednsVersionOneGetsBadvers() throws Exception {
        Message q = query("alpha.node.consul.", Type.A);
        q.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        Message r = new Message(Resolve.rawUdp(port, q.toWire(), 2000));
        assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private static List<String> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof ARecord).map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }
}
