// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.List;
import java.util.Map;

/**
 * {@code consulate catalog datacenters}: every known datacenter, one per line, from
 * {@code GET /v1/catalog/datacenters}. Like Consul, a failed request is reported on stderr but still exits 0.
 */
final class CatalogDatacentersCommand extends FlagCommand<CatalogOptions> {
    private static final String USAGE = """
            Usage: consulate catalog datacenters [options]

              Lists every known datacenter, nearest first (by the estimated median
              round trip time from this datacenter's servers):

                  $ consulate catalog datacenters
            """;

    CatalogDatacentersCommand() {
        super("Lists all known datacenters", USAGE, CatalogOptions::new);
    }

    @Override
    int run(CatalogOptions o, Terminal t) {
        if (o.tooMany() != null) {
            t.error(o.tooMany());
            return 1;
        }
        int code = AgentCall.run(t, o.client, o.server, "Error listing datacenters: ", api -> {
            List<String> dcs = ConsulApi.list(api.get("/v1/catalog/datacenters", Map.of()),
                    n -> n.asText());
            dcs.forEach(t::println);
            return 0;
        });
        // Consul prints the listing error but does not change its exit code; only a bad agent address exits 1
        return code == 1 && resolvable(o, t) ? 0 : code;
    }

    private static boolean resolvable(CatalogOptions o, Terminal t) {
        try {
            ApiTarget.resolve(o.client, o.server, t);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }
}
