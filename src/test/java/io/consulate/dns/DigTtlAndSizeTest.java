// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TTL settings, UDP truncation and TCP, health changes and shuffling, seen through {@code dig}. */
class DigTtlAndSizeTest {
    private static final int BIG = 40;
    private static DnsFixture dns;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dns = DnsFixture.start(Map.of(
                "node_ttl", "30s",
                "service_ttl", Map.of("*", "5s", "web", "10s", "d*", "7s"),
                "soa", Map.of("min_ttl", 60L, "refresh", 1200L)), List.of(), null);
        port = dns.port();
        Node alpha = node("alpha", "10.0.0.1");
        dns.service(alpha, "web", List.of(), "", 80, Check.PASSING);
        dns.service(alpha, "db", List.of(), "", 5432, Check.PASSING);
        dns.service(alpha, "cache", List.of(), "", 6379, Check.PASSING);
        for (int i = 1; i <= BIG; i++) {
            dns.service(node(String.format("n%02d", i), "10.2.0." + i), "big", List.of(), "", 7000 + i,
                    Check.PASSING);
        }
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void ttlsComeFromNodeTtlAndTheMostSpecificServiceTtlEntry() throws Exception {
        assertThat(Dig.query(port, "alpha.node.consul", "A").answer().get(0).ttl()).isEqualTo(30);
        assertThat(Dig.query(port, "web.service.consul", "A").answer().get(0).ttl()).isEqualTo(10);
        assertThat(Dig.query(port, "db.service.consul", "A").answer().get(0).ttl()).isEqualTo(7);
        assertThat(Dig.query(port, "cache.service.consul", "A").answer().get(0).ttl()).isEqualTo(5);
        Dig.Result srv = Dig.query(port, "web.service.consul", "SRV");
        assertThat(srv.answer().get(0).ttl()).isEqualTo(10);
        assertThat(srv.additional()).allSatisfy(rr -> assertThat(rr.ttl()).isEqualTo(10));
        assertThat(Dig.query(port, "-x", "10.0.0.1").answer().get(0).ttl()).isEqualTo(30);
    }

    @Test
    void negativeAnswersCarryTheSoaWithMinTtlAsItsTtl() throws Exception {
        Dig.Result r = Dig.query(port, "nobody.service.consul", "A");
        assertThat(r.status()).isEqualTo("NXDOMAIN");
        Dig.Rr soa = r.authority().get(0);
        assertThat(soa.ttl()).isEqualTo(60);
        assertThat(soa.data()).endsWith(" 1200 600 86400 60");
    }

    @Test
    void udpWithoutEdnsIsCutToUdpAnswerLimitAndSaysSoWithTc() throws Exception {
        Dig.Result r = Dig.query(port, "big.service.consul", "A", "+noedns", "+ignore");
        assertThat(r.answer()).hasSize(3);
        assertThat(r.flags()).contains("tc");
    }

    @Test
    void udpWithEdnsCarriesEveryRecordThatFitsTheAdvertisedSize() throws Exception {
        Dig.Result r = Dig.query(port, "big.service.consul", "A", "+bufsize=1232", "+ignore");
        assertThat(r.answer()).hasSize(BIG);
        assertThat(r.flags()).doesNotContain("tc");
    }

    @Test
    void srvThatDoesNotFitTheBufferKeepsWhatFitsAndSetsTc() throws Exception {
        Dig.Result r = Dig.query(port, "big.service.consul", "SRV", "+bufsize=700", "+ignore");
        assertThat(r.flags()).contains("tc");
        assertThat(r.answer().size()).isBetween(4, BIG - 1);
        Set<String> targets = new HashSet<>();
        r.answerData("SRV").forEach(d -> targets.add(d.substring(d.lastIndexOf(' ') + 1)));
        assertThat(r.additional()).filteredOn(rr -> rr.type().equals("A"))
                .allSatisfy(rr -> assertThat(targets).contains(rr.name()));
    }

    @Test
    void tcpCarriesTheWholeAnswer() throws Exception {
        Dig.Result r = Dig.query(port, "big.service.consul", "SRV", "+tcp");
        assertThat(r.flags()).doesNotContain("tc");
        assertThat(r.answer()).hasSize(BIG);
        assertThat(r.additional()).filteredOn(rr -> rr.type().equals("A")).hasSize(BIG);
    }

    @Test
    void digRetriesATruncatedAnswerOverTcpOnTheSamePort() throws Exception {
        Dig.Result r = Dig.query(port, "big.service.consul", "SRV", "+noedns");
        assertThat(r.raw()).contains("Truncated, retrying in TCP mode");
        assertThat(r.answer()).hasSize(BIG);
    }

    @Test
    void answersAreShuffled() throws Exception {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            List<String> order = Dig.query(port, "big.service.consul", "A", "+tcp").answerData("A");
            assertThat(order).hasSize(BIG).doesNotHaveDuplicates();
            orders.add(order);
        }
        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void healthChangesAreVisibleInTheVeryNextAnswer() throws Exception {
        Node flip = node("flip", "10.3.0.1");
        Node steady = node("steady", "10.3.0.2");
        dns.service(flip, "flappy", List.of(), "", 80, Check.PASSING);
        dns.service(steady, "flappy", List.of(), "", 80, Check.PASSING);
        assertThat(Dig.query(port, "flappy.service.consul", "A").answerData("A")).hasSize(2);

        dns.serviceCheck(flip, "flappy-flip", Check.CRITICAL);
        assertThat(Dig.query(port, "flappy.service.consul", "A").answerData("A")).containsExactly("10.3.0.2");

        dns.nodeCheck(steady, "serfHealth", Check.CRITICAL);
        assertThat(Dig.query(port, "flappy.service.consul", "A").status()).isEqualTo("NXDOMAIN");

        dns.serviceCheck(flip, "flappy-flip", Check.WARNING);
        assertThat(Dig.query(port, "flappy.service.consul", "A").answerData("A")).containsExactly("10.3.0.1");

        dns.deregisterService("flip", "flappy-flip");
        assertThat(Dig.query(port, "flappy.service.consul", "A").status()).isEqualTo("NXDOMAIN");
    }
}
