// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * {@code consulate catalog services}: the names of the catalog's services ({@code GET /v1/catalog/services}),
 * or of one node's ({@code -node}, from {@code GET /v1/catalog/node/:node}), sorted, one per line; with
 * {@code -tags} each followed by its sorted tags, aligned as Go's tabwriter aligns them. No match prints
 * Consul's hint on stderr and exits 0.
 */
final class CatalogServicesCommand extends FlagCommand<CatalogServicesCommand.Options> {
    private static final String USAGE = """
            Usage: consulate catalog services [options]

              Lists the services registered in a datacenter (the agent's by default):

                  $ consulate catalog services

              With their tags, on one node, or on nodes with given metadata:

                  $ consulate catalog services -tags
                  $ consulate catalog services -node=web
                  $ consulate catalog services -node-meta="foo=bar"
            """;
    /** Go's tabwriter padding in Consul's {@code -tags} output. */
    private static final int PADDING = 6;

    static final class Options extends CatalogOptions {
        @Option(names = {"-node", "--node"}, paramLabel = "id or name",
                description = "Only the services of this node.")
        String node = "";

        @Option(names = {"-node-meta", "--node-meta"}, paramLabel = "key=value",
                description = "Only services on nodes with this metadata pair. May be given more than once.")
        List<String> nodeMeta = new ArrayList<>();

        @Option(names = {"-tags", "--tags"},
                description = "Print each service's tags, comma-separated, beside its name.")
        boolean tags;
    }

    CatalogServicesCommand() {
        super("Lists all registered services in a datacenter", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        Map<String, String> meta = KeyValueFlag.parseOrReport("-node-meta", o.nodeMeta, t, help());
        if (meta == null) {
            return 1;
        }
        if (o.tooMany() != null) {
            t.error(o.tooMany());
            return 1;
        }
        var query = CatalogNodesCommand.query("", meta, "");
        String failure = o.node.isEmpty() ? "Error listing services: " : "Error listing services for node: ";
        return AgentCall.run(t, o.client, o.server, failure, api -> {
            Map<String, List<String>> services = o.node.isEmpty()
                    ? byName(api.get("/v1/catalog/services", query))
                    : ofNode(api.get("/v1/catalog/node/" + ConsulApi.escape(o.node), query));
            if (services.isEmpty()) {
                t.error("No services match the given query - try expanding your search.");
                return 0;
            }
            t.println(o.tags ? withTags(services) : String.join("\n", services.keySet()));
            return 0;
        });
    }

    private static Map<String, List<String>> byName(ConsulApi.Response r) throws ApiException {
        if (r.status() != 200) {
            throw ConsulApi.unexpected(r);
        }
        Map<String, List<String>> services = new TreeMap<>();
        ConsulApi.json(r).fields().forEachRemaining(e -> services.put(e.getKey(), texts(e.getValue())));
        return services;
    }

    /** The services of a node answer, tags of instances of the same service put together; null is none. */
    private static Map<String, List<String>> ofNode(ConsulApi.Response r) throws ApiException {
        if (r.status() != 200) {
            throw ConsulApi.unexpected(r);
        }
        Map<String, List<String>> services = new TreeMap<>();
        for (JsonNode s : ConsulApi.json(r).path("Services")) {
            services.computeIfAbsent(s.path("Service").asText(""), k -> new ArrayList<>())
                    .addAll(texts(s.path("Tags")));
        }
        return services;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText("")));
        return out;
    }

    /** Name, padding to the widest name plus six, sorted tags joined by commas; the whole text trimmed. */
    static String withTags(Map<String, List<String>> services) {
        int widest = services.keySet().stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        services.forEach((name, tags) -> {
            List<String> sorted = new ArrayList<>(tags);
            sorted.sort(null);
            sb.append(name).append(" ".repeat(widest + PADDING - name.codePointCount(0, name.length())))
                    .append(String.join(",", sorted)).append('\n');
        });
        return sb.toString().strip();
    }
}
