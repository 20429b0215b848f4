// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsConfigTest {

    private static DnsConfig of(Map<String, Object> dnsConfig, List<String> recursors) {
        return DnsConfig.of("127.0.0.1", 8600, "Consul", null, "DC1", "agent", recursors, dnsConfig);
    }

    @Test
    void defaultsAreConsulsExceptThatTruncationIsSignalled() {
        DnsConfig c = of(Map.of(), List.of());
        assertThat(c.domain()).isEqualTo("consul.");
        assertThat(c.datacenter()).isEqualTo("dc1");
        assertThat(c.nodeTtl()).isZero();
        assertThat(c.serviceTtlSeconds("web")).isZero();
        assertThat(c.onlyPassing()).isFalse();
        assertThat(c.udpAnswerLimit()).isEqualTo(3);
        assertThat(c.aRecordLimit()).isZero();
        assertThat(c.nodeMetaTxt()).isTrue();
        assertThat(c.allowStale()).isTrue();
        assertThat(c.recursorStrategy()).isEqualTo(DnsConfig.RecursorStrategy.SEQUENTIAL);
        assertThat(c.recursorTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.soa()).isEqualTo(DnsConfig.Soa.DEFAULT);
        assertThat(c.enableTruncate()).isTrue();
    }

    @Test
    void dnsConfigBlockIsParsedFromConsulsRawForms() {
        DnsConfig c = of(Map.of("node_ttl", "1m30s", "only_passing", "true", "udp_answer_limit", 5L,
                "a_record_limit", "2", "recursor_strategy", "random", "recursor_timeout", "500ms",
                "enable_additional_node_meta_txt", false,
                "soa", List.of(Map.of("refresh", 10L), Map.of("retry", 20L, "min_ttl", 30L))), List.of());
        assertThat(c.nodeTtlSeconds()).isEqualTo(90);
        assertThat(c.onlyPassing()).isTrue();
        assertThat(c.udpAnswerLimit()).isEqualTo(5);
        assertThat(c.aRecordLimit()).isEqualTo(2);
        assertThat(c.recursorStrategy()).isEqualTo(DnsConfig.RecursorStrategy.RANDOM);
        assertThat(c.recursorTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.nodeMetaTxt()).isFalse();
        assertThat(c.soa()).isEqualTo(new DnsConfig.Soa(10, 20, 86400, 30));
    }

    @Test
    void serviceTtlPrefersExactNamesThenTheLongestPrefixThenNodeTtl() {
        DnsConfig c = of(Map.of("node_ttl", "9s",
                "service_ttl", Map.of("*", "1s", "db*", "2s", "db-main*", "3s", "Web", "4s")), List.of());
        assertThat(c.serviceTtlSeconds("web")).isEqualTo(4);
        assertThat(c.serviceTtlSeconds("db-main-eu")).isEqualTo(3);
        assertThat(c.serviceTtlSeconds("dbx")).isEqualTo(2);
        assertThat(c.serviceTtlSeconds("other")).isEqualTo(1);
        DnsConfig noStar = of(Map.of("node_ttl", "9s", "service_ttl", Map.of("web", "4s")), List.of());
        assertThat(noStar.serviceTtlSeconds("other")).isEqualTo(9);
    }

    @Test
    void recursorsTakeOptionalPortsAndBracketedIpv6() {
        DnsConfig c = of(Map.of(), List.of("8.8.8.8", "1.1.1.1:5353", "::1", "[2001:db8::1]:54"));
        assertThat(c.recursors()).extracting(InetSocketAddress::getPort).containsExactly(53, 5353, 53, 54);
        assertThat(c.recursors()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("8.8.8.8", "1.1.1.1", "0:0:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:1");
    }

    @Test
    void unusableValuesAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> of(Map.of("recursor_strategy", "roundrobin"), List.of()))
                .hasMessageContaining("recursor_strategy");
        assertThatThrownBy(() -> of(Map.of("udp_answer_limit", -1), List.of())).hasMessageContaining("udp_answer_limit");
        assertThatThrownBy(() -> of(Map.of("node_ttl", "ten"), List.of())).hasMessageContaining("node_ttl");
        assertThatThrownBy(() -> of(Map.of("only_passing", "yes"), List.of())).hasMessageContaining("only_passing");
        assertThatThrownBy(() -> of(Map.of("soa", Map.of("expire", -5L)), List.of())).hasMessageContaining("soa");
        for (String bad : new String[] {"dns.google", "0.0.0.0", "1.2.3.4:0", "1.2.3.4:x", "[::1]x", "1.2.3.4:70000"}) {
            assertThatThrownBy(() -> of(Map.of(), List.of(bad))).as(bad).hasMessageContaining("recursors");
        }
        assertThatThrownBy(() -> DnsConfig.of("127.0.0.1", 8600, ".", null, "dc1", "n", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
