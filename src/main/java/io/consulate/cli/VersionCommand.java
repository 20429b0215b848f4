// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import io.consulate.server.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate version}: Consulate's own version, the Consul version whose API it speaks, and the
 * protocol line Consul prints. Needs no agent. {@code -format=json} prints Consul's JSON shape, where
 * {@code Version} is the Consul API version (as {@code /v1/agent/self} reports it) and {@code Consulate}
 * is Consulate's release.
 */
final class VersionCommand extends FlagCommand<VersionCommand.Options> {
    static final int PROTOCOL_DEFAULT = 2;
    static final int PROTOCOL_MIN = 2;
    static final int PROTOCOL_MAX = 3;

    private static final String USAGE = """
            Usage: consulate version [options]

              Prints the Consulate version and the Consul version whose API it implements.
            """;

    static final class Options {
        @Option(names = {"-format", "--format"}, paramLabel = "string",
                description = "Output format: pretty or json. The default is pretty.")
        String format = "pretty";

        @Parameters(hidden = true)
        List<String> ignored = new ArrayList<>();
    }

    VersionCommand() {
        super("Prints the Consulate version", USAGE, Options::new);
    }

    @Override
    int run(Options o, Terminal t) {
        switch (o.format) {
            case "pretty" -> t.println(pretty());
            case "json" -> t.println(json());
            default -> {
                t.error("Unknown format: " + o.format);
                return 1;
            }
        }
        return 0;
    }

    /** Ends with a newline, so that (as with Consul) a blank line follows the text. */
    static String pretty() {
        return "Consulate v" + ServerInfo.CONSULATE_VERSION + "\n"
                + "Consul API compatible: v" + ServerInfo.CONSUL_VERSION + "\n"
                + "Protocol " + PROTOCOL_DEFAULT + " spoken by default, understands " + PROTOCOL_MIN + " to "
                + PROTOCOL_MAX + " (agent will automatically use protocol >" + PROTOCOL_DEFAULT
                + " when speaking to compatible agents)\n";
    }

    /** Consul's {@code -format=json} layout (three-space indent), plus the Consulate release. */
    static String json() {
        return "{\n"
                + "   \"Version\": " + GoJson.quote(ServerInfo.CONSUL_VERSION) + ",\n"
                + "   \"Revision\": \"\",\n"
                + "   \"Prerelease\": \"\",\n"
                + "   \"Consulate\": " + GoJson.quote(ServerInfo.CONSULATE_VERSION) + ",\n"
                + "   \"RPC\": {\n"
                + "      \"Default\": " + PROTOCOL_DEFAULT + ",\n"
                + "      \"Min\": " + PROTOCOL_MIN + ",\n"
                + "      \"Max\": " + PROTOCOL_MAX + "\n"
                + "   }\n"
                + "}";
    }
}
