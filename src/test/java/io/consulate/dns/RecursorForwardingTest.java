// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Questions outside the zone go to {@code recursors} (a dnsjava responder on loopback); ours never do. */
class RecursorForwardingTest {

    private static DnsFixture serverWith(Map<String, Object> dnsConfig, FakeUpstream... upstreams)
            throws Exception {
        List<String> recursors = java.util.Arrays.stream(upstreams).map(FakeUpstream::address).toList();
        DnsFixture dns = DnsFixture.start(dnsConfig, recursors, null);
        dns.service(node("alpha", "10.0.0.1"), "web", List.of(), "", 80, Check.PASSING);
        return dns;
    }

    @Test
    void namesOutsideTheZoneAreForwardedOverUdpAndTcp() throws Exception {
        try (FakeUpstream up = new FakeUpstream(7, FakeUpstream.Mode.ANSWER); DnsFixture dns = serverWith(Map.of(), up)) {
            Dig.Result udp = Dig.query(dns.port(), "www.example.org", "A");
            assertThat(udp.status()).isEqualTo("NOERROR");
            assertThat(udp.flags()).contains("ra").doesNotContain("aa");
            assertThat(udp.answer()).containsExactly(new Dig.Rr("www.example.org.", 300, "A", "192.0.2.7"));
            assertThat(up.udpQueries.get()).isEqualTo(1);

            assertThat(Dig.query(dns.port(), "www.example.org", "A", "+tcp").answerData("A"))
                    .containsExactly("192.0.2.7");
            assertThat(up.tcpQueries.get()).isEqualTo(1);
        }
    }

    @Test
    void upstreamNxdomainIsPassedThroughWithoutTryingTheNextRecursor() throws Exception {
        try (FakeUpstream first = new FakeUpstream(1, FakeUpstream.Mode.ANSWER);
                FakeUpstream second = new FakeUpstream(2, FakeUpstream.Mode.ANSWER);
                DnsFixture dns = serverWith(Map.of(), first, second)) {
            assertThat(Dig.query(dns.port(), "missing.example", "A").status()).isEqualTo("NXDOMAIN");
            assertThat(second.queries()).isZero();
        }
    }

    @Test
    void sequentialStrategySkipsSilentAndFailingRecursors() throws Exception {
        try (FakeUpstream silent = new FakeUpstream(1, FakeUpstream.Mode.SILENT);
                FakeUpstream failing = new FakeUpstream(2, FakeUpstream.Mode.SERVFAIL);
                FakeUpstream good = new FakeUpstream(3, FakeUpstream.Mode.ANSWER);
                DnsFixture dns = serverWith(Map.of("recursor_timeout", "300ms"), silent, failing, good)) {
            assertThat(Dig.query(dns.port(), "www.example.org", "A").answerData("A")).containsExactly("192.0.2.3");
            assertThat(silent.queries()).isEqualTo(1);
            assertThat(failing.queries()).isEqualTo(1);
        }
    }

    @Test
    void whenEveryRecursorFailsTheAnswerIsServfail() throws Exception {
        try (FakeUpstream silent = new FakeUpstream(1, FakeUpstream.Mode.SILENT);
                FakeUpstream failing = new FakeUpstream(2, FakeUpstream.Mode.SERVFAIL);
                DnsFixture dns = serverWith(Map.of("recursor_timeout", "200ms"), silent, failing)) {
            Dig.Result r = Dig.query(dns.port(), "www.example.org", "A");
            assertThat(r.status()).isEqualTo("SERVFAIL");
            assertThat(r.flags()).contains("ra");
        }
    }

    @Test
    void randomStrategySpreadsQuestionsOverRecursors() throws Exception {
        try (FakeUpstream a = new FakeUpstream(1, FakeUpstream.Mode.ANSWER);
                FakeUpstream b = new FakeUpstream(2, FakeUpstream.Mode.ANSWER);
                DnsFixture dns = serverWith(Map.of("recursor_strategy", "random"), a, b)) {
            for (int i = 0; i < 24; i++) {
                Resolve.query(dns.port(), "q" + i + ".example.org.", org.xbill.DNS.Type.A, false);
            }
            assertThat(a.queries()).isPositive();
            assertThat(b.queries()).isPositive();
            assertThat(a.queries() + b.queries()).isEqualTo(24);
        }
    }

    @Test
    void ourZoneIsAnsweredAuthoritativelyAndNeverForwardedWhateverTheType() throws Exception {
        try (FakeUpstream up = new FakeUpstream(1, FakeUpstream.Mode.ANSWER); DnsFixture dns = serverWith(Map.of(), up)) {
            assertThat(Dig.query(dns.port(), "web.service.consul", "A").flags()).contains("aa", "ra");
            for (String type : List.of("DS", "DNSKEY", "ANY", "MX")) {
                assertThat(Dig.query(dns.port(), "web.service.consul", type).flags()).as(type).contains("aa");
            }
            assertThat(Dig.query(dns.port(), "nobody.node.consul", "A").status()).isEqualTo("NXDOMAIN");
            assertThat(Dig.query(dns.port(), "consul", "DS").status()).isEqualTo("NOERROR");
            assertThat(Dig.query(dns.port(), "-x", "10.0.0.1").answerData("PTR"))
                    .containsExactly("alpha.node.dc1.consul.");
            assertThat(up.queries()).isZero();
        }
    }

    @Test
    void reverseNamesOutsideTheCatalogAreForwarded() throws Exception {
        try (FakeUpstream up = new FakeUpstream(1, FakeUpstream.Mode.ANSWER); DnsFixture dns = serverWith(Map.of(), up)) {
            Dig.Result r = Dig.query(dns.port(), "-x", "198.51.100.9");
            assertThat(r.flags()).doesNotContain("aa");
            assertThat(up.queries()).isEqualTo(1);
        }
    }

    @Test
    void truncatedUpstreamAnswerReachesTheClientWhichRetriesOverTcp() throws Exception {
        try (FakeUpstream up = new FakeUpstream(1, FakeUpstream.Mode.ANSWER); DnsFixture dns = serverWith(Map.of(), up)) {
            Dig.Result r = Dig.query(dns.port(), "big.example", "A", "+noedns");
            assertThat(r.raw()).contains("Truncated, retrying in TCP mode");
            assertThat(r.answer()).hasSize(100);
            assertThat(up.udpQueries.get()).isEqualTo(1);
            assertThat(up.tcpQueries.get()).isEqualTo(1);
        }
    }
}
