// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code consulate maint}: puts the agent's node or one of its services into maintenance mode or takes it
 * out ({@code PUT /v1/agent/maintenance}, {@code PUT /v1/agent/service/maintenance/:id}); without
 * {@code -enable} or {@code -disable}, lists what is in maintenance, read from the agent's
 * {@code _node_maintenance} and {@code _service_maintenance:ID} checks.
 */
final class MaintCommand extends FlagCommand<MaintCommand.Options> {
    private static final String USAGE = """
            Usage: consulate maint [options]

              Places the node or one of its services into maintenance mode: an extra
              critical health check keeps it out of DNS and API query results until
              maintenance is disabled again. Maintenance mode survives agent restarts.

              An optional reason is stored as the Notes of that check. By default the
              whole node is affected; -service limits it to one service ID.

                  $ consulate maint -enable -reason="kernel upgrade"
                  $ consulate maint -disable -service=web

              Without -enable or -disable, lists what is in maintenance; the output is
              empty when nothing is.
            """;
    private static final String NODE_CHECK = "_node_maintenance";
    private static final String SERVICE_CHECK_PREFIX = "_service_maintenance:";

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();

        @Option(names = {"-disable", "--disable"}, description = "Disable maintenance mode.")
        boolean disable;

        @Option(names = {"-enable", "--enable"}, description = "Enable maintenance mode.")
        boolean enable;

        @Option(names = {"-reason", "--reason"}, paramLabel = "string",
                description = "Text describing the maintenance reason.")
        String reason = "";

        @Option(names = {"-service", "--service"}, paramLabel = "string",
                description = "Control maintenance mode for a specific service ID.")
        String service = "";
    }

    MaintCommand() {
        super("Controls node or service maintenance mode", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        if (o.enable && o.disable) {
            t.error("Only one of -enable or -disable may be provided");
            return 1;
        }
        if (!o.enable && !o.reason.isEmpty()) {
            t.error("Reason may only be provided with -enable");
            return 1;
        }
        if (!o.enable && !o.disable && !o.service.isEmpty()) {
            t.error("Service requires either -enable or -disable");
            return 1;
        }
        return AgentCall.run(t, o.client, null, "", api -> {
            String nodeName = nodeName(api, t);
            if (nodeName == null) {
                return 1;
            }
            if (!o.enable && !o.disable) {
                return AgentCall.report(t, "Error getting checks: ", () -> list(api, nodeName, t));
            }
            return toggle(api, o, t);
        });
    }

    /** The agent's node name from {@code /v1/agent/self}, or null after reporting the failure. */
    private static String nodeName(ConsulApi api, Terminal t) {
        String[] name = new String[1];
        int code = AgentCall.report(t, AgentCall.QUERY_FAILED, () -> {
            ConsulApi.Response r = api.get("/v1/agent/self", Map.of());
            if (r.status() != 200) {
                throw ConsulApi.unexpected(r);
            }
            name[0] = ConsulApi.json(r).path("Config").path("NodeName").asText("");
            return 0;
        });
        return code == 0 ? name[0] : null;
    }

    private static int list(ConsulApi api, String nodeName, Terminal t) throws ApiException {
        ConsulApi.Response r = api.get("/v1/agent/checks", Map.of());
        if (r.status() != 200) {
            throw ConsulApi.unexpected(r);
        }
        Map<String, JsonNode> checks = new TreeMap<>();
        ConsulApi.json(r).fields().forEachRemaining(e -> checks.put(e.getKey(), e.getValue()));
        checks.forEach((id, check) -> {
            String notes = check.path("Notes").asText("");
            if (id.equals(NODE_CHECK)) {
                t.println("Node:\n  Name:   " + nodeName + "\n  Reason: " + notes + "\n");
            } else if (id.startsWith(SERVICE_CHECK_PREFIX)) {
                t.println("Service:\n  ID:     " + check.path("ServiceID").asText("") + "\n  Reason: " + notes + "\n");
            }
        });
        return 0;
    }

    private static int toggle(ConsulApi api, Options o, Terminal t) {
        boolean node = o.service.isEmpty();
        String verb = o.enable ? "enabling" : "disabling";
        String failure = "Error " + verb + (node ? " node" : " service") + " maintenance: ";
        return AgentCall.report(t, failure, () -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("enable", String.valueOf(o.enable));
            if (o.enable) {
                query.put("reason", o.reason);
            }
            ConsulApi.Response r = api.put(node ? "/v1/agent/maintenance"
                    : "/v1/agent/service/maintenance/" + ConsulApi.escape(o.service), query, null);
            if (r.status() != 200) {
                throw ConsulApi.unexpected(r);
            }
            String state = o.enable ? "enabled" : "disabled";
            t.println(node ? "Node maintenance is now " + state
                    : "Service maintenance is now " + state + " for " + GoJson.quote(o.service));
            return 0;
        });
    }
}
