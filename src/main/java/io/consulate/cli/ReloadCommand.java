// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate reload}: asks the agent to read its configuration files again ({@code PUT /v1/agent/reload}),
 * as {@code consul reload} and SIGHUP do.
 */
final class ReloadCommand extends FlagCommand<ReloadCommand.Options> {
    private static final String USAGE = """
            Usage: consulate reload [options]

              Causes the agent to reload its configuration files: services, checks and watches
              defined there are added, changed or removed to match them.
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();

        @Parameters(hidden = true)
        List<String> ignored = new ArrayList<>();
    }

    ReloadCommand() {
        super("Triggers the agent to reload configuration files", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        return AgentCall.run(t, o.client, null, "Error reloading: ", api -> {
            ConsulApi.Response r = api.put("/v1/agent/reload", Map.of(), null);
            if (r.status() != 200) {
                throw ConsulApi.unexpected(r);
            }
            t.println("Configuration reload triggered");
            return 0;
        });
    }
}
