// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consulate.state.catalog.Check;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The listeners: UDP sockets sharing the port, TCP on the same port, and a port already taken. */
class DnsServerTest {

    @Test
    void everyClientIsAnsweredWhicheverUdpSocketTheKernelPicks() throws Exception {
        try (DnsFixture dns = DnsFixture.start()) {
            dns.service(node("alpha", "10.0.0.1"), "web", List.of(), "", 80, Check.PASSING);
            if (System.getProperty("os.name").toLowerCase().contains("linux")) {
                assertThat(dns.server.udpSockets()).isGreaterThanOrEqualTo(2);
                assertThat(dns.server.udpEventLoops()).isEqualTo(dns.server.udpSockets());
            }
            // Each raw query comes from a fresh source port, so the kernel spreads them over the sockets.
            for (int i = 0; i < 64; i++) {
                Message q = Message.newQuery(Record.newRecord(Name.fromString("web.service.consul."), Type.A,
                        DClass.IN));
                Message r = new Message(Resolve.rawUdp(dns.port(), q.toWire(), 2000));
                assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
                assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(r.getSection(Section.ANSWER)).hasSize(1);
            }
            assertThat(dns.server.tcpPort()).isEqualTo(dns.port());
        }
    }

    @Test
    void aPortTakenByAnotherServerIsAnErrorNotASharedPort() throws Exception {
        try (DnsFixture first = DnsFixture.start()) {
            DnsConfig same = DnsConfig.of("127.0.0.1", first.port(), "consul.", null, "dc1", "agent-two", List.of(),
                    Map.of());
            assertThatThrownBy(() -> DnsServer.start(same, first.catalog).close())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot bind DNS");
        }
    }

    @Test
    void aUdpPortTakenByAPlainSocketIsAnError() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsConfig cfg = DnsConfig.of("127.0.0.1", taken.getLocalPort(), "consul.", null, "dc1", "a", List.of(),
                    Map.of());
            assertThatThrownBy(() -> DnsServer.start(cfg, new io.consulate.state.catalog.CatalogStore(t -> { }))
                    .close()).isInstanceOf(IllegalStateException.class);
        }
    }
}
