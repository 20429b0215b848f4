// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@code consulate} command line asks for, split the way Consul's CLI library splits it: the longest
 * registered command name made of the leading words ({@code kv get}), the arguments after it, whether help
 * or version was requested, and any stray flags before the command.
 *
 * @param command  the full command name, {@code ""} when none was given
 * @param args     the arguments for the command (help flags included; they are never passed on)
 * @param topFlags flags before the command other than help and version flags
 */
record Invocation(String command, List<String> args, boolean help, boolean version, List<String> topFlags) {

    Invocation {
        args = List.copyOf(args);
        topFlags = List.copyOf(topFlags);
    }

    static Invocation parse(List<String> argv, Set<String> known) {
        boolean help = false;
        boolean version = false;
        String command = "";
        List<String> args = List.of();
        List<String> topFlags = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!command.isEmpty()) {
                continue;
            }
            if (arg.equals("-v") || arg.equals("-version") || arg.equals("--version")) {
                version = true;
                continue;
            }
            if (arg.startsWith("-")) {
                topFlags.add(arg);
                continue;
            }
            if (arg.isEmpty()) {
                continue;
            }
            int end = i + longestCommand(argv, i, known);
            command = String.join(" ", argv.subList(i, end));
            args = argv.subList(end, argv.size());
            i = end - 1;
        }
        return new Invocation(command, args, help, version, topFlags);
    }

    /**
     * How many words starting at {@code start} form the longest known command; 1 when none does (the first
     * word is then the command, known or not). Words stop at a flag or at an argument containing a space.
     */
    private static int longestCommand(List<String> argv, int start, Set<String> known) {
        int best = 1;
        StringBuilder name = new StringBuilder();
        for (int j = start; j < argv.size(); j++) {
            String word = argv.get(j);
            if (word.isEmpty() || word.startsWith("-") || word.contains(" ")) {
                break;
            }
            name.append(j == start ? "" : " ").append(word);
            if (known.contains(name.toString())) {
                best = j - start + 1;
            }
        }
        return best;
    }
}
