// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code consulate catalog nodes}: the catalog's nodes ({@code GET /v1/catalog/nodes}), or those providing a
 * service ({@code -service}, from {@code GET /v1/catalog/service/:name}), in Consul's table: Node, the first
 * part of the node ID, Address, DC; with {@code -detailed} the full ID, tagged addresses and metadata.
 * No match prints Consul's hint on stderr and exits 0.
 */
final class CatalogNodesCommand extends FlagCommand<CatalogNodesCommand.Options> {
    private static final String USAGE = """
            Usage: consulate catalog nodes [options]

              Lists the nodes of a datacenter (the agent's by default):

                  $ consulate catalog nodes

              With full node IDs, tagged addresses and metadata:

                  $ consulate catalog nodes -detailed

              Only the nodes providing a service, or with given metadata:

                  $ consulate catalog nodes -service=web
                  $ consulate catalog nodes -node-meta="foo=bar"
            """;

    static final class Options extends CatalogOptions {
        @Option(names = {"-detailed", "--detailed"},
                description = "Print full node IDs, tagged addresses and metadata.")
        boolean detailed;

        @Option(names = {"-filter", "--filter"}, paramLabel = "string",
                description = "Filter expression the server applies (@file or - reads it from a file or stdin).")
        String filter = "";

        @Option(names = {"-near", "--near"}, paramLabel = "string",
                description = "Node name to sort the list by estimated round-trip time from; \"_agent\" "
                        + "means the agent's own node.")
        String near = "";

        @Option(names = {"-node-meta", "--node-meta"}, paramLabel = "key=value",
                description = "Only nodes with this metadata pair. May be given more than once.")
        List<String> nodeMeta = new ArrayList<>();

        @Option(names = {"-service", "--service"}, paramLabel = "id or name",
                description = "Only nodes providing this service.")
        String service = "";
    }

    CatalogNodesCommand() {
        super("Lists all nodes in the given datacenter", USAGE, Options::new);
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
        String filter = o.filter;
        if (!filter.isEmpty()) {
            try {
                filter = new String(DataSource.load(filter, t), StandardCharsets.UTF_8);
            } catch (DataSource.LoadException e) {
                t.error("Could not process filter argument: " + e.getMessage());
                return 1;
            }
        }
        List<Map.Entry<String, String>> query = query(o.near, meta, filter);
        String failure = o.service.isEmpty() ? "Error listing nodes: " : "Error listing nodes for service: ";
        return AgentCall.run(t, o.client, o.server, failure, api -> {
            List<JsonNode> nodes = ConsulApi.list(o.service.isEmpty()
                    ? api.get("/v1/catalog/nodes", query)
                    : api.get("/v1/catalog/service/" + ConsulApi.escape(o.service), query), n -> n);
            if (nodes.isEmpty()) {
                t.error("No nodes match the given query - try expanding your search.");
                return 0;
            }
            t.println(Columns.columnize(rows(nodes, o.detailed, !o.service.isEmpty())));
            return 0;
        });
    }

    /** The Go client's query: {@code near}, one {@code node-meta=k:v} per pair, {@code filter}. */
    static List<Map.Entry<String, String>> query(String near, Map<String, String> meta, String filter) {
        List<Map.Entry<String, String>> q = new ArrayList<>();
        if (!near.isEmpty()) {
            q.add(new AbstractMap.SimpleEntry<>("near", near));
        }
        meta.forEach((k, v) -> q.add(new AbstractMap.SimpleEntry<>("node-meta", k + ":" + v)));
        if (!filter.isEmpty()) {
            q.add(new AbstractMap.SimpleEntry<>("filter", filter));
        }
        return q;
    }

    /**
     * The table rows, header first. Catalog nodes carry {@code Meta}; service instances carry the node's
     * metadata as {@code NodeMeta} and its tagged addresses as {@code TaggedAddresses}.
     */
    static List<List<String>> rows(List<JsonNode> nodes, boolean detailed, boolean fromService) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(detailed ? List.of("Node", "ID", "Address", "DC", "TaggedAddresses", "Meta")
                : List.of("Node", "ID", "Address", "DC"));
        for (JsonNode n : nodes) {
            String id = n.path("ID").asText("");
            String node = n.path("Node").asText("");
            String address = n.path("Address").asText("");
            String dc = n.path("Datacenter").asText("");
            if (detailed) {
                rows.add(List.of(node, id, address, dc, keyValues(n.path("TaggedAddresses")),
                        keyValues(n.path(fromService ? "NodeMeta" : "Meta"))));
            } else {
                int dash = id.indexOf('-');
                rows.add(List.of(node, dash > 0 ? id.substring(0, dash) : id, address, dc));
            }
        }
        return rows;
    }

    /** A JSON object of strings as {@code k=v} pairs sorted by key, joined by {@code ", "}. */
    static String keyValues(JsonNode object) {
        Map<String, String> sorted = new TreeMap<>();
        object.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText("")));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
