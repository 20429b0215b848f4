// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The rows of {@code consulate members}, before {@link Columns#columnize} aligns them. */
final class MemberTable {
    private MemberTable() {}

    /** Node, Address, Status, Type, Build, Protocol, DC, Partition, Segment. */
    static List<List<String>> standard(List<Member> members) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"));
        for (Member m : members) {
            String type = switch (m.tag("role")) {
                case Member.ROLE_SERVER -> "server";
                case Member.ROLE_CLIENT -> "client";
                default -> "unknown";
            };
            if (type.equals("unknown")) {
                rows.add(List.of(m.name(), m.address(), m.statusName(), type, "", "", "", "", ""));
                continue;
            }
            rows.add(List.of(m.name(), m.address(), m.statusName(), type, build(m.tag("build")), m.tag("vsn"),
                    m.tag("dc"), m.tag("ap"), m.tag("segment")));
        }
        return rows;
    }

    /** Node, Address, Status and every tag as {@code k=v} joined by commas, keys sorted. */
    static List<List<String>> detailed(List<Member> members) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Node", "Address", "Status", "Tags"));
        for (Member m : members) {
            String tags = m.sortedTags().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            rows.add(List.of(m.name(), m.address(), m.statusName(), tags));
        }
        return rows;
    }

    /** The version part of the {@code build} tag ({@code 1.22.0:abcdef} prints as {@code 1.22.0}). */
    static String build(String tag) {
        if (tag.isEmpty()) {
            return "< 0.3";
        }
        int colon = tag.indexOf(':');
        return colon >= 0 ? tag.substring(0, colon) : tag;
    }
}
