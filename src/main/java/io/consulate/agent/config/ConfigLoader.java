// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads the agent's configuration the way {@code consul agent} does: command-line flags, {@code -config-file} and
 * {@code -config-dir} files in JSON or HCL, and {@code -hcl} fragments, merged and validated into one
 * {@link AgentConfig}.
 *
 * <p>Precedence, lowest first (Consul's order): built-in defaults; the {@code -dev} defaults; list-valued flags
 * such as {@code -recursor}; each {@code -config-file}/{@code -config-dir} path in command-line order, a
 * directory contributing its {@code *.json} and {@code *.hcl} files in lexical order (sub-directories skipped);
 * all other flags; the {@code -hcl} fragments. Later scalars win, objects merge key by key and lists
 * concatenate, so {@code service} definitions from every file are kept.
 *
 * <p>Why it is strict: like Consul, an unknown key, a value of the wrong type or an unreadable file stops the
 * agent with a message naming the file, key and value, instead of running with a configuration nobody intended.
 * Input is bounded ({@value #MAX_FILE_BYTES} bytes per file, nesting depth 64), so a hostile file fails fast.
 */
public final class ConfigLoader {

    /** Largest config file we read; real ones are a few kilobytes. */
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Parses agent arguments (everything after {@code agent}), loads the {@code -config-file} and
     * {@code -config-dir} files, merges everything and validates the result.
     *
     * @param args the command-line arguments, such as {@code ["-dev", "-client", "0.0.0.0"]}
     * @return the effective configuration
     * @throws ConfigException naming the bad flag, key, value or file
     */
    public static AgentConfig load(List<String> args) throws ConfigException {
        return load(args, NetAddrs.SYSTEM);
    }

    /** As {@link #load(List)}, with the host facts supplied (tests use a fixed host). */
    static AgentConfig load(List<String> args, NetAddrs.Host host) throws ConfigException {
        Objects.requireNonNull(args, "args");
        AgentFlags.Parsed flags = AgentFlags.parse(args);
        Set<String> ignored = new TreeSet<>(flags.ignoredFlags());

        List<ConfigSource> sources = new ArrayList<>();
        if (flags.dev()) {
            sources.add(devDefaults());
        }
        sources.add(renormalize(flags.slices(), ignored));
        for (String path : flags.configPaths()) {
            sources.addAll(readPath(path, flags.configFormat(), ignored));
        }
        sources.add(renormalize(flags.values(), ignored));
        for (int i = 0; i < flags.hcl().size(); i++) {
            String name = "-hcl argument " + (i + 1);
            Map<String, Object> raw = HclParser.parse(flags.hcl().get(i), name);
            sources.add(new ConfigSource(name, ConfigNormalizer.normalize(raw, name, ignored), Map.of()));
        }

        ConfigMerger merger = new ConfigMerger();
        sources.forEach(merger::merge);
        return AgentConfigBuilder.build(merger, flags.dev(), List.copyOf(ignored), host);
    }

    /** Consul's dev-mode defaults, reduced to the settings Consulate acts on. */
    private static ConfigSource devDefaults() {
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("server", Boolean.TRUE);
        dev.put("log_level", "debug");
        dev.put("ui_config", new LinkedHashMap<>(Map.of("enabled", Boolean.TRUE)));
        return new ConfigSource("-dev defaults", dev, Map.of());
    }

    private static ConfigSource renormalize(ConfigSource flags, Set<String> ignored) throws ConfigException {
        return new ConfigSource(flags.name(), ConfigNormalizer.normalize(flags.data(), flags.name(), ignored),
                flags.origins());
    }

    /** A file, or every parseable file of a directory (not recursing), as Consul reads a config path. */
    private static List<ConfigSource> readPath(String pathText, String format, Set<String> ignored)
            throws ConfigException {
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new ConfigException("config: invalid path " + ConfigNormalizer.describe(pathText));
        }
        if (!Files.exists(path)) {
            throw new ConfigException("config: Open failed on " + pathText + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            if (formatOf(path, format) == null) {
                throw new ConfigException("file " + pathText
                        + " has unknown extension; must be .hcl or .json, or config format must be set");
            }
            return List.of(readFile(path, format, ignored));
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(path)) {
            entries = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new ConfigException("config: Readdir failed on " + pathText + ": " + e.getMessage(), e);
        }
        List<ConfigSource> sources = new ArrayList<>();
        for (Path entry : entries) {
            // Files.isDirectory follows symlinks, like Consul; other unparseable files are skipped like Consul does.
            if (Files.isDirectory(entry) || formatOf(entry, format) == null) {
                continue;
            }
            sources.add(readFile(entry, format, ignored));
        }
        return sources;
    }

    private static String formatOf(Path file, String forced) {
        if (forced != null) {
            return forced;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".json")) {
            return "json";
        }
        return name.endsWith(".hcl") ? "hcl" : null;
    }

    private static ConfigSource readFile(Path file, String format, Set<String> ignored) throws ConfigException {
        String name = file.toString();
        String text = readText(file);
        Map<String, Object> raw = "json".equals(formatOf(file, format))
                ? JsonConfigParser.parse(text, name)
                : HclParser.parse(text, name);
        return new ConfigSource(name, ConfigNormalizer.normalize(raw, name, ignored), Map.of());
    }

    private static String readText(Path file) throws ConfigException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException("config: " + file + " is too large (" + size + " bytes; the limit is "
                        + MAX_FILE_BYTES + ")");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException("config: " + file + " is too large (limit " + MAX_FILE_BYTES + " bytes)");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\ufeff") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigException("config: " + file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException("config: failed to read " + file + ": " + e.getMessage(), e);
        }
    }
}
