// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every lookup form, asked with the real {@code dig} over UDP, against one server with default settings. */
class DigLookupTest {
    private static DnsFixture dns;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dns = DnsFixture.start(Map.of(), List.of(), "alt.test");
        port = dns.port();
        Node alpha = node("alpha", "10.0.0.1", Map.of("rack", "r1", "rfc1035-raw", "v=1"), Map.of());
        Node beta = node("beta", "10.0.0.2");
        Node gamma = node("gamma", "10.0.0.3");
        Node six = node("six", "2001:db8::6");
        Node server = node("server1", "10.0.0.10");
        dns.service(alpha, "web", List.of("primary", "v1"), "", 8080, Check.PASSING);
        dns.service(beta, "web", List.of("v1"), "", 8080, Check.PASSING);
        dns.service(gamma, "web", List.of("primary"), "", 8080, Check.CRITICAL);
        dns.service(alpha, "db", List.of(), "10.1.1.1", 5432, Check.PASSING);
        dns.service(six, "v6svc", List.of(), "", 9000, Check.PASSING);
        dns.service(node("ext", "10.0.0.20"), "external", List.of(), "example.com", 443, Check.PASSING);
        dns.service(server, "consul", List.of(), "", 8300, Check.PASSING);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void nodeLookupAnswersItsAddressAuthoritativelyWithMetaAsTxt() throws Exception {
        Dig.Result r = Dig.query(port, "alpha.node.consul", "A", "+norec");
        assertThat(r.status()).isEqualTo("NOERROR");
        assertThat(r.flags()).contains("qr", "aa").doesNotContain("ra", "tc");
        assertThat(r.answer()).containsExactly(new Dig.Rr("alpha.node.consul.", 0, "A", "10.0.0.1"));
        assertThat(r.additional()).extracting(Dig.Rr::data).containsExactly("\"rack=r1\"", "\"v=1\"");
    }

    @Test
    void nodeLookupAcceptsTheDatacenterInBothForms() throws Exception {
        assertThat(Dig.query(port, "alpha.node.dc1.consul", "A").answerData("A")).containsExactly("10.0.0.1");
        assertThat(Dig.query(port, "alpha.node.dc1.dc.consul", "A").answerData("A")).containsExactly("10.0.0.1");
    }

    @Test
    void txtLookupOfANodeAnswersItsMetaInRfc1464Form() throws Exception {
        Dig.Result r = Dig.query(port, "alpha.node.consul", "TXT");
        assertThat(r.answerData("TXT")).containsExactly("\"rack=r1\"", "\"v=1\"");
    }

    @Test
    void unknownNodeIsNxdomainWithTheSoaForNegativeCaching() throws Exception {
        Dig.Result r = Dig.query(port, "nobody.node.consul", "A");
        assertThat(r.status()).isEqualTo("NXDOMAIN");
        assertThat(r.flags()).contains("aa");
        assertThat(r.answer()).isEmpty();
        assertThat(r.authority()).singleElement().satisfies(soa -> {
            assertThat(soa.type()).isEqualTo("SOA");
            assertThat(soa.name()).isEqualTo("consul.");
            assertThat(soa.data()).startsWith("ns.consul. hostmaster.consul. ").endsWith(" 3600 600 86400 0");
        });
    }

    @Test
    void anotherDatacenterIsNxdomain() throws Exception {
        assertThat(Dig.query(port, "alpha.node.dc2.consul", "A").status()).isEqualTo("NXDOMAIN");
        assertThat(Dig.query(port, "web.service.dc2.consul", "A").status()).isEqualTo("NXDOMAIN");
    }

    @Test
    void existingNameWithoutDataOfTheTypeIsNodataNotNxdomain() throws Exception {
        Dig.Result r = Dig.query(port, "alpha.node.consul", "AAAA");
        assertThat(r.status()).isEqualTo("NOERROR");
        assertThat(r.answer()).isEmpty();
        assertThat(r.authority()).extracting(Dig.Rr::type).containsExactly("SOA");
        assertThat(Dig.query(port, "web.service.consul", "MX").status()).isEqualTo("NOERROR");
    }

    @Test
    void ancestorsOfExistingNamesAreNodataSoQnameMinimisingResolversKeepGoing() throws Exception {
        for (String name : List.of("service.consul", "node.consul", "dc1.consul", "service.dc1.consul")) {
            Dig.Result r = Dig.query(port, name, "A");
            assertThat(r.status()).as(name).isEqualTo("NOERROR");
            assertThat(r.answer()).as(name).isEmpty();
        }
    }

    @Test
    void serviceLookupReturnsOnlyInstancesWithoutCriticalChecks() throws Exception {
        Dig.Result r = Dig.query(port, "web.service.consul", "A");
        assertThat(r.flags()).contains("aa");
        assertThat(r.answerData("A")).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(r.answer()).allSatisfy(rr -> assertThat(rr.name()).isEqualTo("web.service.consul."));
    }

    @Test
    void tagLookupFiltersCaseInsensitively() throws Exception {
        assertThat(Dig.query(port, "primary.web.service.consul", "A").answerData("A")).containsExactly("10.0.0.1");
        assertThat(Dig.query(port, "PRIMARY.Web.service.consul", "A").answerData("A")).containsExactly("10.0.0.1");
        assertThat(Dig.query(port, "v1.web.service.dc1.consul", "A").answerData("A"))
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(Dig.query(port, "nosuchtag.web.service.consul", "A").status()).isEqualTo("NXDOMAIN");
    }

    @Test
    void srvLookupGivesPortsNodeTargetsAndTheirAddressesAsAdditionalRecords() throws Exception {
        Dig.Result r = Dig.query(port, "web.service.consul", "SRV");
        assertThat(r.answerData("SRV")).containsExactlyInAnyOrder(
                "1 1 8080 alpha.node.dc1.consul.", "1 1 8080 beta.node.dc1.consul.");
        assertThat(r.additional()).filteredOn(rr -> rr.type().equals("A"))
                .extracting(rr -> rr.name() + " " + rr.data())
                .containsExactlyInAnyOrder("alpha.node.dc1.consul. 10.0.0.1", "beta.node.dc1.consul. 10.0.0.2");
        assertThat(r.additional()).filteredOn(rr -> rr.type().equals("TXT"))
                .extracting(Dig.Rr::name).contains("alpha.node.dc1.consul.");
    }

    @Test
    void rfc2782NamesWorkWithAndWithoutTheServiceLabel() throws Exception {
        assertThat(Dig.query(port, "_web._tcp.service.consul", "SRV").answer()).hasSize(2);
        assertThat(Dig.query(port, "_web._tcp.consul", "SRV").answer()).hasSize(2);
        assertThat(Dig.query(port, "_web._tcp.dc1.consul", "SRV").answer()).hasSize(2);
        assertThat(Dig.query(port, "_web._primary.service.consul", "SRV").answerData("SRV"))
                .containsExactly("1 1 8080 alpha.node.dc1.consul.");
    }

    @Test
    void serviceWithItsOwnAddressGetsAnAddrTargetThatResolves() throws Exception {
        Dig.Result srv = Dig.query(port, "db.service.consul", "SRV");
        assertThat(srv.answerData("SRV")).containsExactly("1 1 5432 0a010101.addr.dc1.consul.");
        assertThat(srv.additional()).extracting(rr -> rr.name() + " " + rr.data())
                .contains("0a010101.addr.dc1.consul. 10.1.1.1");
        assertThat(Dig.query(port, "db.service.consul", "A").answerData("A")).containsExactly("10.1.1.1");
        assertThat(Dig.query(port, "0a010101.addr.dc1.consul", "A").answerData("A")).containsExactly("10.1.1.1");
        assertThat(Dig.query(port, "20010db8000000000000000000000006.addr.dc1.consul", "AAAA").answerData("AAAA"))
                .containsExactly("2001:db8::6");
        assertThat(Dig.query(port, "0a0101.addr.dc1.consul", "A").status()).isEqualTo("NXDOMAIN");
    }

    @Test
    void ipv6InstancesAnswerAaaaAndNodataForA() throws Exception {
        assertThat(Dig.query(port, "v6svc.service.consul", "AAAA").answerData("AAAA")).containsExactly("2001:db8::6");
        Dig.Result a = Dig.query(port, "v6svc.service.consul", "A");
        assertThat(a.status()).isEqualTo("NOERROR");
        assertThat(a.answer()).isEmpty();
    }

    @Test
    void hostNameAddressIsAnsweredAsCnameAndAsSrvTarget() throws Exception {
        assertThat(Dig.query(port, "external.service.consul", "A").answerData("CNAME")).containsExactly("example.com.");
        assertThat(Dig.query(port, "external.service.consul", "SRV").answerData("SRV"))
                .containsExactly("1 1 443 example.com.");
    }

    @Test
    void reverseLookupNamesTheNodeOrElseTheService() throws Exception {
        assertThat(Dig.query(port, "-x", "10.0.0.1").answerData("PTR")).containsExactly("alpha.node.dc1.consul.");
        assertThat(Dig.query(port, "-x", "10.1.1.1").answerData("PTR")).containsExactly("db.service.dc1.consul.");
        assertThat(Dig.query(port, "-x", "2001:db8::6").answerData("PTR")).containsExactly("six.node.dc1.consul.");
        Dig.Result unknown = Dig.query(port, "-x", "192.0.2.99");
        assertThat(unknown.status()).isEqualTo("NXDOMAIN");
    }

    @Test
    void apexAnswersSoaAndNsWithServersAsNameservers() throws Exception {
        Dig.Result soa = Dig.query(port, "consul", "SOA");
        assertThat(soa.answer()).singleElement().satisfies(rr -> assertThat(rr.type()).isEqualTo("SOA"));
        assertThat(soa.authority()).extracting(Dig.Rr::data).containsExactly("server1.node.dc1.consul.");
        Dig.Result ns = Dig.query(port, "consul", "NS");
        assertThat(ns.answerData("NS")).containsExactly("server1.node.dc1.consul.");
        assertThat(ns.additional()).extracting(rr -> rr.name() + " " + rr.data())
                .containsExactly("server1.node.dc1.consul. 10.0.0.10");
    }

    @Test
    void altDomainAnswersWithTheNameThatWasAsked() throws Exception {
        Dig.Result a = Dig.query(port, "alpha.node.alt.test", "A");
        assertThat(a.answer()).containsExactly(new Dig.Rr("alpha.node.alt.test.", 0, "A", "10.0.0.1"));
        assertThat(Dig.query(port, "web.service.alt.test", "SRV").answerData("SRV"))
                .allSatisfy(d -> assertThat(d).endsWith(".node.dc1.alt.test."));
        assertThat(Dig.query(port, "nobody.node.alt.test", "A").authority())
                .extracting(Dig.Rr::name).containsExactly("alt.test.");
    }

    @Test
    void namesOutsideTheZoneAreRefusedWithoutRecursors() throws Exception {
        Dig.Result r = Dig.query(port, "example.org", "A");
        assertThat(r.status()).isEqualTo("REFUSED");
        assertThat(r.flags()).doesNotContain("aa", "ra");
    }

    @Test
    void ourOwnNamesAreAnsweredForEveryTypeAndNeverRefused() throws Exception {
        for (String type : List.of("DS", "ANY", "CAA", "TYPE65")) {
            Dig.Result r = Dig.query(port, "web.service.consul", type);
            assertThat(r.status()).as(type).isEqualTo("NOERROR");
            assertThat(r.flags()).as(type).contains("aa");
        }
    }
}
