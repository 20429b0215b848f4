// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberTableTest {

    private static Member member(String name, String role, Map<String, String> extra) {
        Map<String, String> tags = new java.util.HashMap<>(Map.of("role", role, "dc", "dc1", "vsn", "2",
                "build", "1.22.0:consulate-0.1.0"));
        tags.putAll(extra);
        return new Member(name, "10.0.0.1", 8301, tags, 1).withDisplayTags(true);
    }

    @Test
    void standardTableShowsConsulColumnsWithServerAllSegmentsAndDefaultPartition() {
        String table = Columns.columnize(MemberTable.standard(List.of(member("node1", "consul", Map.of()))));

        assertThat(table).isEqualTo("""
                Node   Address        Status  Type    Build   Protocol  DC   Partition  Segment
                node1  10.0.0.1:8301  alive   server  1.22.0  2         dc1  default    <all>""");
    }

    @Test
    void clientWithoutSegmentShowsDefaultSegment() {
        List<List<String>> rows = MemberTable.standard(List.of(member("c1", "node", Map.of())));

        assertThat(rows.get(1)).containsExactly("c1", "10.0.0.1:8301", "alive", "client", "1.22.0", "2", "dc1",
                "default", "<default>");
    }

    @Test
    void unknownRoleLeavesBuildAndLaterColumnsEmpty() {
        List<List<String>> rows = MemberTable.standard(List.of(member("x", "witness", Map.of())));

        assertThat(rows.get(1)).containsExactly("x", "10.0.0.1:8301", "alive", "unknown", "", "", "", "", "");
    }

    @Test
    void detailedTableListsAllTagsSortedIncludingTheDisplayDefaults() {
        List<List<String>> rows = MemberTable.detailed(List.of(member("n", "consul", Map.of("port", "8300"))));

        assertThat(rows.get(0)).containsExactly("Node", "Address", "Status", "Tags");
        assertThat(rows.get(1).get(3))
                .isEqualTo("ap=default,build=1.22.0:consulate-0.1.0,dc=dc1,port=8300,role=consul,segment=<all>,vsn=2");
    }

    @Test
    void buildIsTheVersionBeforeTheColonOrAVeryOldMarker() {
        assertThat(MemberTable.build("1.22.0:abc")).isEqualTo("1.22.0");
        assertThat(MemberTable.build("1.2.3")).isEqualTo("1.2.3");
        assertThat(MemberTable.build("")).isEqualTo("< 0.3");
    }

    @Test
    void serversComeFirstThenMembersByName() {
        List<Member> members = new ArrayList<>(List.of(member("zeta", "node", Map.of()),
                member("beta", "consul", Map.of()), member("alpha", "node", Map.of())));

        members.sort(Member.CONSUL_ORDER);

        assertThat(members).extracting(Member::name).containsExactly("beta", "alpha", "zeta");
    }

    @Test
    void statusCodesHaveSerfNames() {
        assertThat(List.of(0, 1, 2, 3, 4, 9)).map(s -> new Member("n", "1.2.3.4", 1, Map.of(), s).statusName())
                .containsExactly("none", "alive", "leaving", "left", "failed", "unknown");
    }

    @Test
    void addressesPrintLikeGoTcpAddresses() {
        assertThat(new Member("n", "::1", 8301, Map.of(), 1).address()).isEqualTo("[::1]:8301");
        assertThat(new Member("n", "192.168.1.2", 8301, Map.of(), 1).address()).isEqualTo("192.168.1.2:8301");
        assertThat(new Member("n", "not-an-ip", 8301, Map.of(), 1).address()).isEqualTo(":8301");
    }
}
