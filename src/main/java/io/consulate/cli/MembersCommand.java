// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate members}: the cluster members the agent knows, from {@code GET /v1/agent/members}, in
 * Consul's table (Node, Address, Status, Type, Build, Protocol, DC, Partition, Segment) or, with
 * {@code -detailed}, with all gossip tags. Exit 2 when no member matches, as Consul does.
 */
final class MembersCommand extends FlagCommand<MembersCommand.Options> {
    private static final String USAGE = """
            Usage: consulate members [options]

              Prints the members of the cluster that the agent knows about, and their state.
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();

        @Option(names = {"-detailed", "--detailed"},
                description = "Print every gossip tag of each member instead of the summary columns.")
        boolean detailed;

        @Option(names = {"-filter", "--filter"}, paramLabel = "string",
                description = "Filter expression the agent applies to the member list.")
        String filter = "";

        @Option(names = {"-segment", "--segment"}, paramLabel = "string",
                description = "(Enterprise-only) Only list members of this network segment.")
        String segment = "";

        @Option(names = {"-status", "--status"}, paramLabel = "string",
                description = "Only list members whose status (alive, leaving, left, failed) matches this "
                        + "regular expression.")
        String status = ".*";

        @Option(names = {"-wan", "--wan"},
                description = "List the members of the WAN gossip pool (the servers of every datacenter) "
                        + "instead of the LAN pool.")
        boolean wan;

        /** Consul ignores arguments after the flags; so does this. */
        @Parameters(hidden = true)
        List<String> ignored = new ArrayList<>();
    }

    MembersCommand() {
        super("Lists the members of a Consulate cluster", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        Pattern status;
        try {
            status = Pattern.compile(o.status);
        } catch (PatternSyntaxException e) {
            t.error("Failed to compile status regexp: error parsing regexp: " + e.getDescription());
            return 1;
        }
        return AgentCall.run(t, o.client, null, "Error retrieving members: ",
                api -> print(fetch(api, o), o, status, t));
    }

    /** The members whose status matches, in Consul's order and table; exit 2 when none does. */
    private static int print(List<Member> members, Options o, Pattern status, Terminal t) {
        boolean allSegments = o.segment.isEmpty();
        List<Member> shown = new ArrayList<>();
        for (Member m : members) {
            Member labelled = m.withDisplayTags(allSegments);
            if (status.matcher(labelled.statusName()).find()) {
                shown.add(labelled);
            }
        }
        if (shown.isEmpty()) {
            return 2;
        }
        shown.sort(Member.CONSUL_ORDER);
        t.println(Columns.columnize(o.detailed ? MemberTable.detailed(shown) : MemberTable.standard(shown)));
        return 0;
    }

    private static List<Member> fetch(ConsulApi api, Options o) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        if (!o.segment.isEmpty()) {
            query.put("segment", o.segment);
        }
        if (o.wan) {
            query.put("wan", "1");
        }
        if (!o.filter.isEmpty()) {
            query.put("filter", o.filter);
        }
        return ConsulApi.list(api.get("/v1/agent/members", query), Member::fromJson);
    }
}
