// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses a command's flags with picocli the way Go's {@code flag} package does, which is what Consul's
 * commands use: parsing stops at the first argument that is not a flag ({@code kv get foo -recurse} has two
 * arguments), {@code @name} is left alone as data, and errors read like Go's ("flag provided but not
 * defined: -x"). Also renders the option part of a command's help in Consul's layout.
 */
final class Flags {
    private static final int WRAP = 72;
    private static final int INDENT = 5;

    private Flags() {}

    /**
     * Fills {@code options} (a picocli-annotated object) from {@code args}. On a bad flag, prints the error
     * and {@code help} on stderr and returns false: the command then exits 1.
     */
    static boolean parse(Object options, List<String> args, Terminal terminal, String help) {
        CommandLine cl = new CommandLine(options)
                .setExpandAtFiles(false)
                .setPosixClusteredShortOptionsAllowed(false)
                .setStopAtPositional(true)
                .setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args.toArray(String[]::new));
            return true;
        } catch (ParameterException e) {
            terminal.error(goMessage(e));
            terminal.error(help);
            return false;
        }
    }

    private static String goMessage(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            int eq = arg.indexOf('=');
            return "flag provided but not defined: " + (eq > 0 ? arg.substring(0, eq) : arg);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec o) {
            return "flag needs an argument: " + o.names()[0];
        }
        if (e.getArgSpec() instanceof OptionSpec o) {
            return "invalid value \"" + e.getValue() + "\" for flag " + o.names()[0] + ": parse error";
        }
        return e.getMessage();
    }

    /**
     * The options of a command in Consul's help layout: an "HTTP API Options" section with the shared
     * connection flags, then "Command Options", each flag on its own line followed by its wrapped description.
     */
    static String describe(Object options) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(options);
        Set<String> shared = new HashSet<>();
        spec.mixins().values().forEach(m -> m.options().forEach(o -> shared.add(o.names()[0])));
        List<OptionSpec> http = new ArrayList<>();
        List<OptionSpec> own = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            (shared.contains(o.names()[0]) ? http : own).add(o);
        }
        StringBuilder sb = new StringBuilder();
        section(sb, "HTTP API Options", http);
        section(sb, "Command Options", own);
        return sb.toString().stripTrailing();
    }

    private static void section(StringBuilder sb, String title, List<OptionSpec> options) {
        if (options.isEmpty()) {
            return;
        }
        sb.append(title).append("\n\n");
        options.stream().sorted(Comparator.comparing(o -> o.names()[0])).forEach(o -> {
            sb.append("  ").append(o.names()[0]);
            if (o.arity().max() > 0) {
                sb.append("=<").append(o.paramLabel()).append('>');
            }
            sb.append('\n');
            for (String line : wrap(String.join(" ", o.description()), WRAP - INDENT)) {
                sb.append(" ".repeat(INDENT)).append(line).append('\n');
            }
            sb.append('\n');
        });
    }

    /** Greedy word wrap: lines of at most {@code width} characters unless a single word is longer. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** A help text: the usage block, a blank line, then the options ({@link #describe}). */
    static String help(String usage, Object options) {
        String flags = describe(options);
        return flags.isEmpty() ? usage.strip() : usage.strip() + "\n\n" + flags;
    }

    /**
     * An unsigned 64-bit flag value in Go's {@code strconv.ParseUint(s, 0, 64)} syntax: decimal, {@code 0x}
     * hex, {@code 0o} or leading-zero octal, {@code 0b} binary, with optional {@code _} between digits.
     */
    static final class Uint64 implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }

        static long parse(String value) {
            String s = value.replace("_", "");
            int radix = 10;
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("0x")) {
                radix = 16;
                s = s.substring(2);
            } else if (lower.startsWith("0b")) {
                radix = 2;
                s = s.substring(2);
            } else if (lower.startsWith("0o")) {
                radix = 8;
                s = s.substring(2);
            } else if (s.length() > 1 && s.startsWith("0")) {
                radix = 8;
                s = s.substring(1);
            }
            if (s.isEmpty() || s.startsWith("+") || s.startsWith("-")) {
                throw new TypeConversionException("parse error");
            }
            try {
                return Long.parseUnsignedLong(s, radix);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("parse error");
            }
        }
    }
}
