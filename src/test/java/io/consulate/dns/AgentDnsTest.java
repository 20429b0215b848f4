// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The DNS interface of a real in-process agent, fed only through the HTTP API the way applications feed
 * Consul ({@code /v1/agent/service/register}, {@code /v1/catalog/register}, {@code /v1/agent/check/fail}),
 * and read with {@code dig} and dnsjava's resolver for every lookup form. The agent's own config sets
 * {@code alt_domain}, {@code node_ttl} and {@code service_ttl}.
 */
class AgentDnsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestAgent agent;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.startWithDns("-node-meta=rack:r1", "-hcl=alt_domain = \"alt.test\"",
                "-hcl=dns_config { node_ttl = \"7s\"\n service_ttl = { \"*\" = \"3s\", \"we*\" = \"9s\" } }");
        port = agent.dnsPort();
        put("/v1/agent/service/register", "{\"ID\":\"web1\",\"Name\":\"web\",\"Tags\":[\"green\"],\"Port\":80}");
        put("/v1/agent/service/register",
                "{\"ID\":\"web2\",\"Name\":\"web\",\"Tags\":[\"blue\"],\"Address\":\"10.1.0.2\",\"Port\":81}");
        put("/v1/agent/service/register", "{\"ID\":\"db1\",\"Name\":\"db\",\"Address\":\"fd00::5\",\"Port\":5432}");
        for (int i = 1; i <= 2; i++) {
            put("/v1/agent/service/register", "{\"ID\":\"pay" + i + "\",\"Name\":\"pay\",\"Address\":\"10.2.0." + i
                    + "\",\"Port\":8080,\"Check\":{\"TTL\":\"600s\",\"Status\":\"passing\"}}");
        }
        put("/v1/catalog/register", "{\"Node\":\"ext-node\",\"Address\":\"10.9.9.9\",\"NodeMeta\":{\"zone\":\"z1\"}}");
        put("/v1/catalog/register", "{\"Node\":\"ext6\",\"Address\":\"fd00::9\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
    }

    private static void put(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(agent.httpAddress() + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("PUT %s: %s", path, r.body()).isEqualTo(200);
    }

    private static Dig.Result dig(String... args) throws Exception {
        return Dig.query(port, args);
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    @Test
    void agentNodeAnswersItsAddressWithMetaInEveryDatacenterForm() throws Exception {
        for (String name : List.of("test-node.node.consul", "test-node.node.dc1.consul", "test-node.node.dc1.dc.consul",
                "test-node.node.alt.test")) {
            Dig.Result a = dig(name, "A");
            assertThat(a.status()).as(name).isEqualTo("NOERROR");
            assertThat(a.flags()).contains("aa");
            assertThat(a.answerData("A")).containsExactly("127.0.0.1");
            assertThat(a.answer().get(0).name()).isEqualTo(name + ".");
            assertThat(a.answer().get(0).ttl()).isEqualTo(7);
            assertThat(a.additional()).extracting(Dig.Rr::data).contains("\"rack=r1\"");
        }
        assertThat(dig("test-node.node.consul", "TXT").answerData("TXT")).contains("\"rack=r1\"");
    }

    @Test
    void catalogRegisteredNodesAnswerAAndAaaaAndReverse() throws Exception {
        assertThat(dig("ext-node.node.consul", "A").answerData("A")).containsExactly("10.9.9.9");
        assertThat(dig("ext-node.node.consul", "TXT").answerData("TXT")).containsExactly("\"zone=z1\"");
        assertThat(dig("ext6.node.consul", "AAAA").answerData("AAAA")).containsExactly("fd00::9");
        Dig.Result noA = dig("ext6.node.consul", "A");
        assertThat(noA.status()).isEqualTo("NOERROR");
        assertThat(noA.answer()).isEmpty();
        assertThat(noA.authority()).extracting(Dig.Rr::type).containsExactly("SOA");
        assertThat(dig("-x", "10.9.9.9").answerData("PTR")).containsExactly("ext-node.node.dc1.consul.");
        assertThat(dig("-x", "fd00::9").answerData("PTR")).containsExactly("ext6.node.dc1.consul.");
    }

    @Test
    void serviceLookupsByNameTagAndDatacenterThroughDig() throws Exception {
        for (String name : List.of("web.service.consul", "web.service.dc1.consul", "web.service.dc1.dc.consul")) {
            Dig.Result a = dig(name, "A");
            assertThat(sorted(a.answerData("A"))).as(name).containsExactly("10.1.0.2", "127.0.0.1");
            assertThat(a.flags()).contains("aa");
            assertThat(a.answer()).allSatisfy(r -> assertThat(r.ttl()).isEqualTo(9));
        }
        assertThat(dig("green.web.service.consul", "A").answerData("A")).containsExactly("127.0.0.1");
        assertThat(dig("BLUE.web.service.consul", "A").answerData("A")).containsExactly("10.1.0.2");
        assertThat(dig("red.web.service.consul", "A").status()).isEqualTo("NXDOMAIN");
        assertThat(dig("db.service.consul", "AAAA").answerData("AAAA")).containsExactly("fd00::5");
        Dig.Result db = dig("db.service.consul", "A");
        assertThat(db.status()).isEqualTo("NOERROR");
        assertThat(db.answer()).isEmpty();
        assertThat(dig("pay.service.consul", "A").answer()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.ttl()).isEqualTo(3));
    }

    @Test
    void srvGivesPortsTargetsAndAdditionalAddressesInBothNameForms() throws Exception {
        Dig.Result srv = dig("web.service.consul", "SRV");
        assertThat(sorted(srv.answerData("SRV"))).containsExactly("1 1 80 test-node.node.dc1.consul.",
                "1 1 81 0a010002.addr.dc1.consul.");
        assertThat(srv.additional()).extracting(r -> r.name() + " " + r.data())
                .contains("test-node.node.dc1.consul. 127.0.0.1", "0a010002.addr.dc1.consul. 10.1.0.2");
        assertThat(dig("_web._green.service.consul", "SRV").answerData("SRV"))
                .containsExactly("1 1 80 test-node.node.dc1.consul.");
        assertThat(dig("_web._tcp.service.consul", "SRV").answerData("SRV")).hasSize(2);
        assertThat(dig("_web._blue.dc1.consul", "SRV").answerData("SRV"))
                .containsExactly("1 1 81 0a010002.addr.dc1.consul.");
        assertThat(dig("0a010002.addr.dc1.consul", "A").answerData("A")).containsExactly("10.1.0.2");
        assertThat(dig("fd000000000000000000000000000005.addr.dc1.consul", "AAAA").answerData("AAAA"))
                .containsExactly("fd00::5");
        assertThat(dig("-x", "10.1.0.2").answerData("PTR")).containsExactly("web.service.dc1.consul.");
    }

    @Test
    void altDomainAnswersWithTheNameThatWasAsked() throws Exception {
        Dig.Result a = dig("web.service.alt.test", "SRV");
        assertThat(a.flags()).contains("aa");
        assertThat(a.answer()).allSatisfy(r -> assertThat(r.name()).isEqualTo("web.service.alt.test."));
        assertThat(sorted(a.answerData("SRV"))).containsExactly("1 1 80 test-node.node.dc1.alt.test.",
                "1 1 81 0a010002.addr.dc1.alt.test.");
        assertThat(dig("alt.test", "SOA").answerData("SOA")).singleElement().asString().startsWith("ns.alt.test.");
    }

    @Test
    void zoneApexUnknownNamesAndOutsideNames() throws Exception {
        Dig.Result soa = dig("consul", "SOA");
        assertThat(soa.flags()).contains("aa");
        assertThat(soa.answerData("SOA")).hasSize(1);
        assertThat(dig("consul", "NS").answerData("NS")).isNotEmpty();
        Dig.Result missing = dig("nosuch.service.consul", "A");
        assertThat(missing.status()).isEqualTo("NXDOMAIN");
        assertThat(missing.flags()).contains("aa");
        assertThat(missing.authority()).extracting(Dig.Rr::type).containsExactly("SOA");
        assertThat(dig("web.service.consul", "MX").status()).isEqualTo("NOERROR");
        assertThat(dig("example.org", "A").status()).isEqualTo("REFUSED");
    }

    @Test
    void dnsjavaResolverSeesEveryLookupFormOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            assertThat(data(Resolve.query(port, "test-node.node.dc1.consul.", Type.A, tcp)))
                    .containsExactly("127.0.0.1");
            assertThat(data(Resolve.query(port, "ext-node.node.consul.", Type.TXT, tcp))).containsExactly("zone=z1");
            assertThat(data(Resolve.query(port, "green.web.service.consul.", Type.A, tcp)))
                    .containsExactly("127.0.0.1");
            assertThat(data(Resolve.query(port, "db.service.consul.", Type.AAAA, tcp))).containsExactly("fd00::5");
            assertThat(sorted(data(Resolve.query(port, "web.service.consul.", Type.SRV, tcp)))).containsExactly("80",
                    "81");
            assertThat(data(Resolve.query(port, "_web._blue.service.consul.", Type.SRV, tcp))).containsExactly("81");
            assertThat(data(Resolve.query(port, "0a010002.addr.dc1.consul.", Type.A, tcp)))
                    .containsExactly("10.1.0.2");
            assertThat(data(Resolve.query(port, "9.9.9.10.in-addr.arpa.", Type.PTR, tcp)))
                    .containsExactly("ext-node.node.dc1.consul.");
            assertThat(data(Resolve.query(port, "web.service.alt.test.", Type.A, tcp))).hasSize(2);
            Message nx = Resolve.query(port, "nosuch.node.consul.", Type.A, tcp);
            assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(nx.getHeader().getFlag(Flags.AA)).isTrue();
        }
    }

    @Test
    void aCheckFailedThroughTheAgentApiIsGoneFromTheVeryNextAnswer() throws Exception {
        assertThat(sorted(dig("pay.service.consul", "A").answerData("A"))).containsExactly("10.2.0.1", "10.2.0.2");
        put("/v1/agent/check/fail/service:pay1?note=down", "");
        assertThat(dig("pay.service.consul", "A").answerData("A")).containsExactly("10.2.0.2");
        assertThat(data(Resolve.query(port, "pay.service.consul.", Type.SRV, true))).containsExactly("8080");
        put("/v1/agent/check/warn/service:pay2", "");
        assertThat(dig("pay.service.consul", "A").answerData("A")).as("warning is still served by default")
                .containsExactly("10.2.0.2");
        put("/v1/agent/check/fail/service:pay2", "");
        assertThat(dig("pay.service.consul", "A").status()).isEqualTo("NXDOMAIN");
        put("/v1/agent/check/pass/service:pay1", "");
        put("/v1/agent/check/pass/service:pay2", "");
        assertThat(sorted(dig("pay.service.consul", "A").answerData("A"))).containsExactly("10.2.0.1", "10.2.0.2");
    }

    @Test
    void aDeregisteredServiceIsGoneFromTheVeryNextAnswer() throws Exception {
        put("/v1/agent/service/register", "{\"ID\":\"tmp1\",\"Name\":\"tmp\",\"Address\":\"10.3.0.1\",\"Port\":1}");
        assertThat(dig("tmp.service.consul", "A").answerData("A")).containsExactly("10.3.0.1");
        assertThat(dig("-x", "10.3.0.1").answerData("PTR")).containsExactly("tmp.service.dc1.consul.");
        put("/v1/agent/service/deregister/tmp1", "");
        assertThat(dig("tmp.service.consul", "A").status()).isEqualTo("NXDOMAIN");
        assertThat(dig("-x", "10.3.0.1").status()).isEqualTo("NXDOMAIN");
    }

    @Test
    void theConfiguredDomainReplacesConsul() throws Exception {
        try (TestAgent other = TestAgent.startWithDns("-domain=corp.example")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(other.httpAddress()
                    + "/v1/agent/service/register")).PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"Name\":\"api\",\"Address\":\"10.5.0.1\",\"Port\":443}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            Dig.Result srv = Dig.query(other.dnsPort(), "api.service.corp.example", "SRV");
            assertThat(srv.answerData("SRV")).containsExactly("1 1 443 0a050001.addr.dc1.corp.example.");
            assertThat(Dig.query(other.dnsPort(), "api.service.consul", "A").status()).isEqualTo("REFUSED");
            assertThat(Dig.query(other.dnsPort(), "-x", "10.5.0.1").answerData("PTR"))
                    .containsExactly("api.service.dc1.corp.example.");
        }
    }

    /** The answer section's addresses, SRV ports, PTR targets or TXT strings, as text. */
    private static List<String> data(Message m) {
        return m.getSection(Section.ANSWER).stream().flatMap(AgentDnsTest::data).toList();
    }

    private static Stream<String> data(Record r) {
        return switch (r) {
            case ARecord a -> Stream.of(a.getAddress().getHostAddress());
            case AAAARecord a -> Stream.of(a.getAddress().getHostAddress().replace(":0:0:0:0:0:0:", "::"));
            case SRVRecord s -> Stream.of(String.valueOf(s.getPort()));
            case PTRRecord p -> Stream.of(p.getTarget().toString());
            case TXTRecord t -> t.getStrings().stream();
            default -> Stream.of(r.rdataToString());
        };
    }
}
