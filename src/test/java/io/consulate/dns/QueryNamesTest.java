// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class QueryNamesTest {
    private final QueryNames names = new QueryNames("consul.", "alt.example.", "dc1");
    private static final Name CONSUL = Name.fromConstantString("consul.");
    private static final Name ALT = Name.fromConstantString("alt.example.");

    private QueryName parse(String name, int type) throws Exception {
        return names.parse(Name.fromString(name), type);
    }

    private QueryName parse(String name) throws Exception {
        return parse(name, Type.A);
    }

    @Test
    void nodeNamesMayCarryADatacenterInEitherFormAndDots() throws Exception {
        assertThat(parse("web1.node.consul.")).isEqualTo(new QueryName.Node(CONSUL, "web1"));
        assertThat(parse("web1.node.dc1.consul.")).isEqualTo(new QueryName.Node(CONSUL, "web1"));
        assertThat(parse("web1.node.dc1.dc.consul.")).isEqualTo(new QueryName.Node(CONSUL, "web1"));
        assertThat(parse("a.b.node.consul.")).isEqualTo(new QueryName.Node(CONSUL, "a.b"));
        assertThat(parse("WEB1.Node.CONSUL.")).isEqualTo(new QueryName.Node(CONSUL, "web1"));
    }

    @Test
    void serviceNamesTakeEverythingLeftOfTheNameAsTheTag() throws Exception {
        assertThat(parse("web.service.consul.")).isEqualTo(new QueryName.Service(CONSUL, "web", null));
        assertThat(parse("v1.web.service.consul.")).isEqualTo(new QueryName.Service(CONSUL, "web", "v1"));
        assertThat(parse("a.b.web.service.dc1.consul.")).isEqualTo(new QueryName.Service(CONSUL, "web", "a.b"));
        assertThat(parse("service.web.service.consul.")).isEqualTo(new QueryName.Service(CONSUL, "web", "service"));
    }

    @Test
    void rfc2782NamesWithTcpMeanNoTagAndNeedNoServiceLabelForSrv() throws Exception {
        assertThat(parse("_web._tcp.service.consul.", Type.SRV)).isEqualTo(new QueryName.Service(CONSUL, "web", null));
        assertThat(parse("_web._v1.service.consul.", Type.SRV)).isEqualTo(new QueryName.Service(CONSUL, "web", "v1"));
        assertThat(parse("_web._tcp.consul.", Type.SRV)).isEqualTo(new QueryName.Service(CONSUL, "web", null));
        assertThat(parse("_web._tcp.dc1.consul.", Type.SRV)).isEqualTo(new QueryName.Service(CONSUL, "web", null));
        assertThat(parse("_web._tcp.consul.", Type.A)).isEqualTo(new QueryName.Unknown(CONSUL));
        assertThat(parse("_._tcp.service.consul.", Type.SRV)).isEqualTo(new QueryName.Unknown(CONSUL));
    }

    @Test
    void addrNamesSpellIpv4In8AndIpv6In32HexDigits() throws Exception {
        assertThat(parse("7f000001.addr.dc1.consul."))
                .isEqualTo(new QueryName.Addr(CONSUL, InetAddress.getByName("127.0.0.1")));
        assertThat(parse("20010db8000000000000000000000001.addr.consul."))
                .isEqualTo(new QueryName.Addr(CONSUL, InetAddress.getByName("2001:db8::1")));
        assertThat(parse("7f0000.addr.consul.")).isEqualTo(new QueryName.Unknown(CONSUL));
        assertThat(parse("zz000001.addr.consul.")).isEqualTo(new QueryName.Unknown(CONSUL));
        assertThat(parse("a.7f000001.addr.consul.")).isEqualTo(new QueryName.Unknown(CONSUL));
    }

    @Test
    void apexAndAncestorsOfRealNamesAreNotNxdomain() throws Exception {
        assertThat(parse("consul.")).isEqualTo(new QueryName.Apex(CONSUL));
        for (String n : new String[] {"service.consul.", "node.dc1.consul.", "dc1.consul.", "dc.consul.",
                "dc1.dc.consul.", "addr.consul."}) {
            assertThat(parse(n)).as(n).isEqualTo(new QueryName.Structural(CONSUL));
        }
    }

    @Test
    void otherDatacentersUnsupportedKindsAndOddLabelsAreUnknown() throws Exception {
        for (String n : new String[] {"web.service.dc2.consul.", "web.node.dc1.dc.x.consul.",
                "q.query.consul.", "web.connect.consul.", "web.ingress.consul.", "x.virtual.consul.",
                "random.consul.", "we\\032b.service.consul.", "w*b.service.consul.", "web.service.dc2.dc.consul."}) {
            assertThat(parse(n)).as(n).isEqualTo(new QueryName.Unknown(CONSUL));
        }
    }

    @Test
    void altDomainIsRecognisedAndNamesOutsideBothAreExternal() throws Exception {
        assertThat(parse("web.service.alt.example.")).isEqualTo(new QueryName.Service(ALT, "web", null));
        assertThat(parse("example.org.")).isEqualTo(new QueryName.External());
        assertThat(parse("consulx.")).isEqualTo(new QueryName.External());
        assertThat(parse(".")).isEqualTo(new QueryName.External());
    }

    @Test
    void reverseNamesYieldTheAddressOnlyWhenComplete() throws Exception {
        assertThat(parse("1.0.0.127.in-addr.arpa.", Type.PTR))
                .isEqualTo(new QueryName.Reverse(InetAddress.getByName("127.0.0.1")));
        String v6 = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
        assertThat(parse(v6, Type.PTR)).isEqualTo(new QueryName.Reverse(InetAddress.getByName("2001:db8::1")));
        for (String bad : new String[] {"0.127.in-addr.arpa.", "256.0.0.127.in-addr.arpa.",
                "01.0.0.127.in-addr.arpa.", "1.1.0.0.127.in-addr.arpa.", "x.ip6.arpa.", "arpa."}) {
            assertThat(parse(bad, Type.PTR)).as(bad).isEqualTo(new QueryName.Reverse(null));
        }
    }

    @Test
    void longHostileNamesAreParsedWithoutTrouble() throws Exception {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 230) {
            sb.append("abcdefgh.");
        }
        assertThat(parse(sb + "service.consul.")).isInstanceOf(QueryName.Service.class);
        assertThat(parse("a.".repeat(120) + "node.consul.")).isInstanceOf(QueryName.Node.class);
    }
}
