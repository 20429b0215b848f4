// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.agent.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate services register}: registers services with the local agent
 * ({@code PUT /v1/agent/service/register}), either every service of the FILE arguments (agent config files,
 * JSON or HCL) or one service described by flags. Flags fill what a file leaves out. Prints
 * {@code Registered service: NAME} per service; the first failure stops with exit 1.
 */
final class ServicesRegisterCommand extends FlagCommand<ServicesRegisterCommand.Options> {
    private static final String USAGE = """
            Usage: consulate services register [options] [FILE...]

              Registers one or more services with the local agent, from agent config
              files (HCL or JSON, "service" or "services" blocks) or from flags. The
              command returns once they are registered; they stay until deregistered
              with "consulate services deregister" or the HTTP API.

                  $ consulate services register web.json
                  $ consulate services register -name=web -port=8080 -tag=v1
            """;

    static final class Options {
        @Mixin HttpFlags.Client client = new HttpFlags.Client();
        @Mixin HttpFlags.Server server = new HttpFlags.Server();

        @Option(names = {"-address", "--address"}, paramLabel = "string",
                description = "Address of the service to register for flag-based registration.")
        String address = "";

        @Option(names = {"-id", "--id"}, paramLabel = "string",
                description = "ID of the service to register for flag-based registration. Defaults to -name.")
        String id = "";

        @Option(names = {"-kind", "--kind"}, paramLabel = "string", description = "The service's kind.")
        String kind = "";

        @Option(names = {"-meta", "--meta"}, paramLabel = "key=value",
                description = "Metadata to set on the service, as key=value. May be given more than once.")
        List<String> meta = new ArrayList<>();

        @Option(names = {"-name", "--name"}, paramLabel = "string",
                description = "Name of the service to register for flag-based registration.")
        String name = "";

        @Option(names = {"-port", "--port"}, paramLabel = "int",
                description = "Port of the service to register for flag-based registration.")
        int port;

        @Option(names = {"-socket", "--socket"}, paramLabel = "string",
                description = "Path of the Unix domain socket to register (instead of address and port).")
        String socket = "";

        @Option(names = {"-tag", "--tag"}, paramLabel = "value",
                description = "Tag to add to the service. May be given more than once.")
        List<String> tags = new ArrayList<>();

        @Option(names = {"-tagged-address", "--tagged-address"}, paramLabel = "key=value",
                description = "Tagged address to set on the service, as key=host:port. May be given more "
                        + "than once.")
        List<String> taggedAddresses = new ArrayList<>();

        @Parameters(hidden = true)
        List<String> files = new ArrayList<>();
    }

    ServicesRegisterCommand() {
        super("Register services with the local agent", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        Map<String, String> meta = KeyValueFlag.parseOrReport("-meta", o.meta, t, help());
        Map<String, String> tagged = meta == null ? null
                : KeyValueFlag.parseOrReport("-tagged-address", o.taggedAddresses, t, help());
        if (tagged == null) {
            return 1;
        }
        Map<String, Object> fromFlags;
        try {
            fromFlags = fromFlags(o, meta, tagged);
        } catch (IllegalArgumentException e) {
            t.error("Invalid Tagged Address: " + e.getMessage());
            return 1;
        }
        if (o.files.isEmpty() && o.name.isEmpty()) {
            t.error("Service registration requires at least one argument or flags.");
            return 1;
        }
        if (!o.files.isEmpty() && !o.name.isEmpty()) {
            t.error("Service registration requires arguments or -id, not both.");
            return 1;
        }
        List<Map<String, Object>> services;
        if (o.files.isEmpty()) {
            services = List.of(fromFlags);
        } else {
            try {
                services = ServiceFiles.load(o.files);
            } catch (ConfigException e) {
                t.error("Error: " + e.getMessage());
                return 1;
            }
            services.forEach(s -> ServiceFiles.combine(s, fromFlags));
        }
        return AgentCall.run(t, o.client, o.server, "", api -> register(api, services, t));
    }

    private static int register(ConsulApi api, List<Map<String, Object>> services, Terminal t) {
        for (Map<String, Object> s : services) {
            String name = ServiceFiles.text(s, "Name");
            int code = AgentCall.report(t, "Error registering service " + GoJson.quote(name) + ": ", () -> {
                ConsulApi.Response r = api.put("/v1/agent/service/register", Map.of(),
                        io.consulate.api.Json.write(s));
                if (r.status() != 200) {
                    throw ConsulApi.unexpected(r);
                }
                return 0;
            });
            if (code != 0) {
                return code;
            }
            t.println("Registered service: " + name);
        }
        return 0;
    }

    /** The registration the flags describe, with Consul's field names; only the fields given are present. */
    private static Map<String, Object> fromFlags(Options o, Map<String, String> meta, Map<String, String> tagged) {
        Map<String, Object> s = new LinkedHashMap<>();
        putIf(s, "Kind", o.kind);
        putIf(s, "ID", o.id);
        putIf(s, "Name", o.name);
        if (!o.tags.isEmpty()) {
            s.put("Tags", List.copyOf(o.tags));
        }
        if (o.port != 0) {
            s.put("Port", o.port);
        }
        putIf(s, "Address", o.address);
        putIf(s, "SocketPath", o.socket);
        if (!meta.isEmpty()) {
            s.put("Meta", meta);
        }
        if (!tagged.isEmpty()) {
            Map<String, Object> addrs = new LinkedHashMap<>();
            tagged.forEach((k, v) -> addrs.put(k, serviceAddress(v)));
            s.put("TaggedAddresses", addrs);
        }
        return s;
    }

    /** {@code host:port} as Consul's {@code api.ParseServiceAddr} reads it: port required, numeric. */
    static Map<String, Object> serviceAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + hostPort + ": missing port in address");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in address " + hostPort);
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Address", host);
        a.put("Port", port);
        return a;
    }

    private static void putIf(Map<String, Object> s, String field, String value) {
        if (!value.isEmpty()) {
            s.put(field, value);
        }
    }
}
