// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate event}: fires a user event through {@code PUT /v1/event/fire/:name}, optionally limited to
 * nodes, a service and a tag (regular expressions, checked here first as Consul does), with an optional
 * payload, and prints {@code Event ID: <id>}.
 */
final class EventCommand extends FlagCommand<EventCommand.Options> {
    private static final String USAGE = """
            Usage: consulate event [options] [payload]

              Dispatches a custom user event across a datacenter. An event must provide
              a name, but a payload is optional. Events support filtering using
              regular expressions on node name, service, and tag definitions.
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Option(names = {"-name", "--name"}, paramLabel = "string", description = "Name of the event.")
        String name = "";

        @Option(names = {"-node", "--node"}, paramLabel = "string",
                description = "Regular expression to filter on node names.")
        String node = "";

        @Option(names = {"-service", "--service"}, paramLabel = "string",
                description = "Regular expression to filter on service instances.")
        String service = "";

        @Option(names = {"-tag", "--tag"}, paramLabel = "string",
                description = "Regular expression to filter on service tags. Must be used with -service.")
        String tag = "";

        @Parameters(hidden = true)
        List<String> args = new ArrayList<>();
    }

    EventCommand() {
        super("Fire a new event", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        String invalid = invalid(o);
        if (invalid != null) {
            t.error(invalid);
            return 1;
        }
        byte[] payload = o.args.isEmpty() ? new byte[0] : o.args.get(0).getBytes(StandardCharsets.UTF_8);
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "node", o.node);
        put(query, "service", o.service);
        put(query, "tag", o.tag);
        String path = "/v1/event/fire/" + URLEncoder.encode(o.name, StandardCharsets.UTF_8).replace("+", "%20");
        return AgentCall.run(t, o.client, o.server, "Error firing event: ", api -> {
            ConsulApi.Response r = api.put(path, query, payload);
            if (r.status() != 200) {
                throw ConsulApi.unexpected(r);
            }
            t.println("Event ID: " + ConsulApi.json(r).path("ID").asText());
            return 0;
        });
    }

    /** Consul's checks before anything is sent; null when the flags are fine. */
    private static String invalid(Options o) {
        if (o.name.isEmpty()) {
            return "Event name must be specified";
        }
        if (!o.tag.isEmpty() && o.service.isEmpty()) {
            return "Cannot provide tag filter without service filter.";
        }
        if (o.args.size() > 1) {
            return "Too many command line arguments.";
        }
        for (String[] filter : new String[][] {{"node", o.node}, {"service", o.service}, {"tag", o.tag}}) {
            try {
                io.consulate.filter.regex.GoRegex.compile(filter[1]); // the syntax the agent will apply
            } catch (io.consulate.filter.regex.GoRegexSyntaxException e) {
                return "Failed to compile " + filter[0] + " filter regexp: " + e.getMessage();
            }
        }
        return null;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (!value.isEmpty()) {
            query.put(name, value);
        }
    }
}
