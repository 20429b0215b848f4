// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code consulate} command line: finds the subcommand ({@code kv get}, {@code members}, ...) and runs
 * it, with the conventions of Consul's CLI so that scripts cannot tell the difference:
 * <ul>
 *   <li>{@code -h}, {@code -help} or {@code --help} anywhere (before {@code --}) prints help on stdout, exit 0;
 *   <li>{@code -v}, {@code -version} or {@code --version} before the subcommand prints the version;
 *   <li>no subcommand, or an unknown one, prints the command list on stderr with exit 127;
 *   <li>a command group alone ({@code consulate kv}) prints its help on stderr with exit 1;
 *   <li>flags before the subcommand are refused with exit 1.
 * </ul>
 */
public final class Cli {
    /** Consul's exit code for a missing or unknown command (its CLI library's "command not found"). */
    public static final int COMMAND_NOT_FOUND = 127;

    private Cli() {}

    /** Runs with the real process environment and stdin. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Terminal.system(out, err));
    }

    /** Runs with the given environment instead of the process's (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, new Terminal(out, err, System.in, env));
    }

    /** Runs with everything injected: streams, stdin and environment. */
    public static int run(String[] args, Terminal terminal) {
        SortedMap<String, CliCommand> commands = commands();
        Invocation inv = Invocation.parse(Arrays.asList(args), commands.keySet());
        if (inv.version()) {
            return commands.get("version").run(List.of(), terminal);
        }
        if (inv.help() && inv.command().isEmpty()) {
            terminal.println(usage(commands));
            return 0;
        }
        CliCommand command = commands.get(inv.command());
        if (command == null) {
            terminal.error(usage(commands));
            return COMMAND_NOT_FOUND;
        }
        if (inv.help()) {
            terminal.println(commandHelp(inv.command(), command, commands));
            return 0;
        }
        if (!inv.topFlags().isEmpty()) {
            terminal.error("Invalid flags before the subcommand. If these flags are for\n"
                    + "the subcommand, please put them after the subcommand.\n");
            terminal.error(commandHelp(inv.command(), command, commands));
            return 1;
        }
        int code = command.run(inv.args(), terminal);
        if (code == CliCommand.SHOW_HELP) {
            terminal.error(commandHelp(inv.command(), command, commands));
            return 1;
        }
        return code;
    }

    /** Every command by its full name; a space separates a group from its subcommand. */
    static SortedMap<String, CliCommand> commands() {
        SortedMap<String, CliCommand> c = new TreeMap<>();
        c.put("agent", new AgentCommand());
        c.put("catalog", new CatalogCommand());
        c.put("catalog datacenters", new CatalogDatacentersCommand());
        c.put("catalog nodes", new CatalogNodesCommand());
        c.put("catalog services", new CatalogServicesCommand());
        c.put("event", new EventCommand());
        c.put("kv", new KvCommand());
        c.put("kv delete", new KvDeleteCommand());
        c.put("kv export", new KvExportCommand());
        c.put("kv get", new KvGetCommand());
        c.put("kv import", new KvImportCommand());
        c.put("kv put", new KvPutCommand());
        c.put("lock", new LockCommand());
        c.put("maint", new MaintCommand());
        c.put("members", new MembersCommand());
        c.put("reload", new ReloadCommand());
        c.put("services", new ServicesCommand());
        c.put("services deregister", new ServicesDeregisterCommand());
        c.put("services register", new ServicesRegisterCommand());
        c.put("version", new VersionCommand());
        c.put("watch", new WatchCommand());
        return Collections.unmodifiableSortedMap(c);
    }

    /** The top-level help: usage line and the aligned list of top-level commands, then a blank line. */
    static String usage(SortedMap<String, CliCommand> commands) {
        StringBuilder sb = new StringBuilder("Usage: consulate [--version] [--help] <command> [<args>]\n\n")
                .append("Available commands are:\n");
        Map<String, CliCommand> top = new TreeMap<>();
        commands.forEach((name, cmd) -> {
            if (!name.contains(" ")) {
                top.put(name, cmd);
            }
        });
        int widest = top.keySet().stream().mapToInt(String::length).max().orElse(0);
        top.forEach((name, cmd) -> sb.append("    ").append(name).append(" ".repeat(widest - name.length()))
                .append("    ").append(cmd.synopsis()).append('\n'));
        return sb.toString();
    }

    /** A command's help, followed by its subcommands (name and synopsis) when it is a group. */
    static String commandHelp(String name, CliCommand command, SortedMap<String, CliCommand> commands) {
        StringBuilder sb = new StringBuilder(command.help());
        Map<String, CliCommand> children = new TreeMap<>();
        commands.forEach((key, cmd) -> {
            if (key.startsWith(name + " ") && !key.substring(name.length() + 1).contains(" ")) {
                children.put(key.substring(name.length() + 1), cmd);
            }
        });
        if (!children.isEmpty()) {
            int widest = children.keySet().stream().mapToInt(String::length).max().orElse(0);
            sb.append("\n\nSubcommands:");
            children.forEach((child, cmd) -> sb.append("\n    ").append(child)
                    .append(" ".repeat(widest - child.length())).append("    ").append(cmd.synopsis()));
        }
        return sb.toString();
    }
}
