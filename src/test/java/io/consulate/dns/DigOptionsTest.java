// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static io.consulate.dns.DnsFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dns_config} switches that change which records come back, each on its own server. */
class DigOptionsTest {

    private static void warnAndPass(DnsFixture dns) {
        Node ok = node("ok", "10.0.0.1");
        Node meh = node("meh", "10.0.0.2");
        dns.service(ok, "api", "api-ok", List.of(), "", 80, Check.PASSING, Map.of("Passing", 10, "Warning", 1));
        dns.service(meh, "api", "api-meh", List.of(), "", 80, Check.WARNING, Map.of("Passing", 10, "Warning", 1));
    }

    @Test
    void warningInstancesAreReturnedByDefaultWithTheirWarningWeight() throws Exception {
        try (DnsFixture dns = DnsFixture.start()) {
            warnAndPass(dns);
            assertThat(Dig.query(dns.port(), "api.service.consul", "A").answerData("A"))
                    .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
            assertThat(Dig.query(dns.port(), "api.service.consul", "SRV").answerData("SRV"))
                    .containsExactlyInAnyOrder("1 10 80 ok.node.dc1.consul.", "1 1 80 meh.node.dc1.consul.");
        }
    }

    @Test
    void onlyPassingDropsWarningInstances() throws Exception {
        try (DnsFixture dns = DnsFixture.start(Map.of("only_passing", true), List.of(), null)) {
            warnAndPass(dns);
            assertThat(Dig.query(dns.port(), "api.service.consul", "A").answerData("A")).containsExactly("10.0.0.1");
        }
    }

    @Test
    void aRecordLimitCapsAddressAnswersOnEveryTransport() throws Exception {
        try (DnsFixture dns = DnsFixture.start(Map.of("a_record_limit", 2), List.of(), null)) {
            for (int i = 1; i <= 5; i++) {
                dns.service(node("n" + i, "10.0.1." + i), "many", List.of(), "", 80, Check.PASSING);
            }
            Dig.Result udp = Dig.query(dns.port(), "many.service.consul", "A");
            assertThat(udp.answer()).hasSize(2);
            assertThat(udp.flags()).doesNotContain("tc");
            assertThat(Dig.query(dns.port(), "many.service.consul", "A", "+tcp").answer()).hasSize(2);
            assertThat(Dig.query(dns.port(), "many.service.consul", "SRV").answer()).hasSize(5);
        }
    }

    @Test
    void withEnableTruncateOffTheAnswerLimitCutsWithoutTcButSizeStillSetsIt() throws Exception {
        try (DnsFixture dns = DnsFixture.start(Map.of("enable_truncate", false, "udp_answer_limit", 2), List.of(),
                null)) {
            for (int i = 1; i <= 40; i++) {
                dns.service(node("n" + i, "10.0.1." + i), "many", List.of(), "", 80, Check.PASSING);
            }
            Dig.Result limited = Dig.query(dns.port(), "many.service.consul", "A", "+noedns", "+ignore");
            assertThat(limited.answer()).hasSize(2);
            assertThat(limited.flags()).doesNotContain("tc");
            Dig.Result tooBig = Dig.query(dns.port(), "many.service.consul", "SRV", "+bufsize=600", "+ignore");
            assertThat(tooBig.flags()).contains("tc");
        }
    }

    @Test
    void nodeMetaTxtCanBeSwitchedOff() throws Exception {
        try (DnsFixture dns = DnsFixture.start(Map.of("enable_additional_node_meta_txt", false), List.of(), null)) {
            dns.register(node("alpha", "10.0.0.1", Map.of("rack", "r1"), Map.of()));
            assertThat(Dig.query(dns.port(), "alpha.node.consul", "A").additional()).isEmpty();
            assertThat(Dig.query(dns.port(), "alpha.node.consul", "TXT").answerData("TXT"))
                    .containsExactly("\"rack=r1\"");
        }
    }

    @Test
    void dualStackNodeAnswersAaaaFromItsTaggedIpv6Address() throws Exception {
        try (DnsFixture dns = DnsFixture.start()) {
            Node dual = node("dual", "10.0.0.7", Map.of(), Map.of("lan_ipv6", "2001:db8::7"));
            dns.service(dual, "both", List.of(), "", 80, Check.PASSING);
            assertThat(Dig.query(dns.port(), "dual.node.consul", "AAAA").answerData("AAAA"))
                    .containsExactly("2001:db8::7");
            assertThat(Dig.query(dns.port(), "both.service.consul", "AAAA").answerData("AAAA"))
                    .containsExactly("2001:db8::7");
            assertThat(Dig.query(dns.port(), "both.service.consul", "A").answerData("A")).containsExactly("10.0.0.7");
        }
    }
}
