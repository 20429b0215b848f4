// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

class RecordsTest {
    private static final Name ZONE = Name.fromConstantString("consul.");
    private static final Name OWNER = Name.fromConstantString("n.node.consul.");

    @Test
    void rfc1464QuotesBackquotesEqualsAndOuterSpacesOfTheKey() {
        assertThat(Records.rfc1464("rack", "r1")).isEqualTo("rack=r1");
        assertThat(Records.rfc1464("a=b", "c=d")).isEqualTo("a`=b=c=d");
        assertThat(Records.rfc1464("a`b", "x`y")).isEqualTo("a``b=x``y");
        assertThat(Records.rfc1464("  k ", "v")).isEqualTo("` ` k` =v");
        assertThat(Records.rfc1464("", "v")).isEqualTo("=v");
    }

    @Test
    void metaTxtIsSortedByKeyAndRfc1035KeysCarryTheValueOnly() {
        List<Record> txt = Records.metaTxt(OWNER, 5, Map.of("b", "2", "a", "1", "RFC1035-raw", "free text"));
        assertThat(txt).extracting(r -> ((TXTRecord) r).getStrings().get(0))
                .containsExactly("free text", "a=1", "b=2");
        assertThat(txt).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(5));
    }

    @Test
    void longAndNonAsciiTxtTextIsSplitIntoCharacterStringsLosslessly() {
        String value = "ü\\\"".repeat(200); // 800 UTF-8 bytes with backslashes and quotes
        TXTRecord r = (TXTRecord) Records.txt(OWNER, 0, value);
        List<byte[]> strings = r.getStringsAsByteArrays();
        assertThat(strings).hasSize(4).allSatisfy(s -> assertThat(s.length).isLessThanOrEqualTo(255));
        StringBuilder joined = new StringBuilder();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        strings.forEach(all::writeBytes);
        joined.append(all.toString(StandardCharsets.UTF_8));
        assertThat(joined.toString()).isEqualTo(value);
        assertThat(((TXTRecord) Records.txt(OWNER, 0, "")).getStrings()).containsExactly("");
    }

    @Test
    void catalogStringsThatAreNotDnsNamesGiveNoName() {
        assertThat(Records.nodeName("web-1", "dc1", ZONE)).hasToString("web-1.node.dc1.consul.");
        assertThat(Records.nodeName("a.b", "dc1", ZONE)).hasToString("a.b.node.dc1.consul.");
        for (String bad : new String[] {"", "has space", "dots..", "semi;colon", "back\\slash", "x".repeat(64),
                "a.".repeat(130) + "a"}) {
            assertThat(Records.nodeName(bad, "dc1", ZONE)).as(bad).isNull();
        }
        assertThat(Records.hostName("example.com")).hasToString("example.com.");
        assertThat(Records.hostName("bad host")).isNull();
        assertThat(Records.ip("example.com")).isNull();
        assertThat(Records.ip("10.0.0.1")).isNotNull();
    }

    @Test
    void addrNamesAreTheAddressInHex() throws Exception {
        assertThat(Records.addrName(java.net.InetAddress.getByName("10.1.1.1"), "dc1", ZONE))
                .hasToString("0a010101.addr.dc1.consul.");
        assertThat(Records.addrName(java.net.InetAddress.getByName("2001:db8::1"), "dc1", ZONE))
                .hasToString("20010db8000000000000000000000001.addr.dc1.consul.");
    }
}
