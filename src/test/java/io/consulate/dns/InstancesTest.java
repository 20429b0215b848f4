// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.consulate.state.catalog.CatalogViews.HealthEntry;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class InstancesTest {
    private static final Node NODE = new Node("", "n1", "10.0.0.1", "dc1", Map.of("lan_ipv6", "2001:db8::1"),
            Map.of(), 0, 0);

    private static HealthEntry entry(List<String> tags, String address, String... statuses) {
        Service s = new Service("n1", "", "web", "web", tags, address,
                Map.of("lan_ipv6", Map.of("Address", "2001:db8::99", "Port", 80)), Map.of(), 80,
                Map.of("Passing", 5, "Warning", 2), false, 0, 0);
        List<Check> checks = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            checks.add(new Check("n1", "c" + i, "", statuses[i], "", "", i == 0 ? "" : "web", "", List.of(), "",
                    Map.of(), 0, 0));
        }
        return new HealthEntry(NODE, s, checks);
    }

    @Test
    void criticalIsNeverReturnedAndOnlyPassingAlsoDropsWarning() {
        HealthEntry ok = entry(List.of(), "", Check.PASSING, Check.PASSING);
        HealthEntry warn = entry(List.of(), "", Check.PASSING, Check.WARNING);
        HealthEntry nodeDown = entry(List.of(), "", Check.CRITICAL, Check.PASSING);
        HealthEntry odd = entry(List.of(), "", "maintenance-ish");
        assertThat(Instances.healthy(List.of(ok, warn, nodeDown, odd), null, false)).containsExactly(ok, warn, odd);
        assertThat(Instances.healthy(List.of(ok, warn, nodeDown, odd), null, true)).containsExactly(ok);
    }

    @Test
    void tagsMatchCaseInsensitively() {
        HealthEntry tagged = entry(List.of("Primary"), "");
        assertThat(Instances.healthy(List.of(tagged), "primary", false)).containsExactly(tagged);
        assertThat(Instances.healthy(List.of(tagged), "secondary", false)).isEmpty();
    }

    @Test
    void weightFollowsTheWorstCheck() {
        assertThat(Instances.weight(entry(List.of(), "", Check.PASSING))).isEqualTo(5);
        assertThat(Instances.weight(entry(List.of(), "", Check.PASSING, Check.WARNING))).isEqualTo(2);
    }

    @Test
    void addressesFallBackFromServiceToNodeAndAcrossFamiliesViaTaggedAddresses() {
        assertThat(Instances.of(entry(List.of(), ""), Type.A).ip().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(Instances.of(entry(List.of(), ""), Type.AAAA).ip().getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(Instances.of(entry(List.of(), "10.5.5.5"), Type.AAAA).ip().getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:99");
        assertThat(Instances.of(entry(List.of(), "db.example"), Type.A).host()).hasToString("db.example.");
        assertThat(Instances.of(entry(List.of(), "not a host"), Type.SRV)).isNull();
    }
}
