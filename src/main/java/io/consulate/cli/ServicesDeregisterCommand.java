// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.agent.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate services deregister}: removes services from the local agent
 * ({@code PUT /v1/agent/service/deregister/:id}), one by {@code -id} or every service of the FILE arguments
 * (by their ID, or their name when they have none). Prints {@code Deregistered service: ID} per service.
 */
final class ServicesDeregisterCommand extends FlagCommand<ServicesDeregisterCommand.Options> {
    private static final String USAGE = """
            Usage: consulate services deregister [options] [FILE...]

              Deregisters one or more services previously registered with the local
              agent, those of the given config files:

                  $ consulate services deregister web.json db.hcl

              or a single one by ID:

                  $ consulate services deregister -id=web

              Run it against the agent the services were registered with.
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Option(names = {"-id", "--id"}, paramLabel = "string",
                description = "ID of the service to deregister. Not allowed together with FILE arguments.")
        String id = "";

        @Parameters(hidden = true)
        List<String> files = new ArrayList<>();
    }

    ServicesDeregisterCommand() {
        super("Deregister services with the local agent", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        if (o.files.isEmpty() && o.id.isEmpty()) {
            t.error("Service deregistration requires at least one argument or -id.");
            return 1;
        }
        if (!o.files.isEmpty() && !o.id.isEmpty()) {
            t.error("Service deregistration requires arguments or -id, not both.");
            return 1;
        }
        List<String[]> targets = new ArrayList<>(); // {id, name}
        if (o.files.isEmpty()) {
            targets.add(new String[] {o.id, ""});
        } else {
            try {
                for (Map<String, Object> s : ServiceFiles.load(o.files)) {
                    String name = ServiceFiles.text(s, "Name");
                    String id = ServiceFiles.text(s, "ID");
                    targets.add(new String[] {id.isEmpty() ? name : id, name});
                }
            } catch (ConfigException e) {
                t.error("Error: " + e.getMessage());
                return 1;
            }
        }
        return AgentCall.run(t, o.client, o.server, "", api -> deregister(api, targets, t));
    }

    private static int deregister(ConsulApi api, List<String[]> targets, Terminal t) {
        for (String[] target : targets) {
            String id = target[0];
            if (id.isEmpty()) {
                continue;
            }
            // Consul's own wording, "registering", kept so scripts matching it keep working
            int code = AgentCall.report(t, "Error registering service " + GoJson.quote(target[1]) + ": ", () -> {
                ConsulApi.Response r = api.put("/v1/agent/service/deregister/" + ConsulApi.escape(id),
                        Map.of(), null);
                if (r.status() != 200) {
                    throw ConsulApi.unexpected(r);
                }
                return 0;
            });
            if (code != 0) {
                return code;
            }
            t.println("Deregistered service: " + id);
        }
        return 0;
    }
}
