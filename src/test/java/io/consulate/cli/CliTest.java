// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dispatch, help, version and argument checking: everything that happens before an agent is called. */
class CliTest {

    @Test
    void noArgumentsPrintsTheCommandListOnStderrAndExits127() {
        CliRun r = CliRun.run();

        assertThat(r.exit()).isEqualTo(127);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: consulate [--version] [--help] <command> [<args>]\n\n"
                + "Available commands are:\n");
        assertThat(r.err()).contains("\n    kv          Interact with the key-value store\n",
                "\n    members     Lists the members of a Consulate cluster\n",
                "\n    services    Interact with services\n");
    }

    @Test
    void unknownCommandPrintsTheCommandListOnStderrAndExits127() {
        CliRun r = CliRun.run("frobnicate");

        assertThat(r.exit()).isEqualTo(Cli.COMMAND_NOT_FOUND);
        assertThat(r.err()).contains("Available commands are:");
    }

    @Test
    void helpFlagPrintsTheCommandListOnStdoutAndExits0() {
        CliRun r = CliRun.run("-h");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Available commands are:").endsWith("\n\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void commandGroupAlonePrintsItsHelpAndSubcommandsOnStderrAndExits1() {
        CliRun r = CliRun.run("kv");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Usage: consulate kv <subcommand>")
                .endsWith("\n\nSubcommands:\n"
                        + "    delete    Removes data from the KV store\n"
                        + "    export    Exports a tree from the KV store as JSON\n"
                        + "    get       Retrieves or lists data from the KV store\n"
                        + "    import    Imports a tree stored as JSON to the KV store\n"
                        + "    put       Sets or updates data in the KV store\n");
    }

    @Test
    void helpFlagAfterACommandPrintsThatCommandsHelpOnStdout() {
        CliRun r = CliRun.run("kv", "put", "some/key", "-h");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: consulate kv put [options] KEY [DATA]").contains("-cas", "-flags=<uint>");
    }

    @Test
    void versionPrintsConsulateThenTheConsulApiVersionThenABlankLine() {
        CliRun r = CliRun.run("version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Consulate v0.1.0\nConsul API compatible: v1.22.0\n")
                .contains("\nProtocol 2 spoken by default, understands 2 to 3")
                .endsWith(")\n\n");
    }

    @Test
    void versionFlagsBeforeAnyCommandPrintTheVersion() {
        for (String flag : new String[] {"-v", "-version", "--version"}) {
            assertThat(CliRun.run(flag).out()).as(flag).startsWith("Consulate v0.1.0\n");
        }
        assertThat(CliRun.run("--version", "kv", "get", "x").out()).startsWith("Consulate v0.1.0\n");
    }

    @Test
    void versionJsonHasConsulsShapeWithTheApiVersion() {
        CliRun r = CliRun.run("version", "-format=json");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{\n   \"Version\": \"1.22.0\",\n").contains("\"Consulate\": \"0.1.0\"")
                .contains("   \"RPC\": {\n      \"Default\": 2,\n");
    }

    @Test
    void versionWithAnUnknownFormatFails() {
        CliRun r = CliRun.run("version", "-format=yaml");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Unknown format: yaml\n");
    }

    @Test
    void flagsBeforeTheCommandAreRefused() {
        CliRun r = CliRun.run("-stale", "kv", "get", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Invalid flags before the subcommand. If these flags are for\n"
                + "the subcommand, please put them after the subcommand.\n\nUsage: consulate kv get");
    }

    @Test
    void undefinedFlagIsReportedLikeGoWithTheCommandsHelp() {
        CliRun r = CliRun.run("kv", "get", "-bogus=1", "a");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("flag provided but not defined: -bogus\nUsage: consulate kv get");
    }

    @Test
    void malformedNumberIsReportedLikeGo() {
        CliRun r = CliRun.run("kv", "put", "-flags=abc", "k", "v");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("invalid value \"abc\" for flag -flags: parse error\n");
    }

    @Test
    void flagWithoutItsValueIsReportedLikeGo() {
        CliRun r = CliRun.run("kv", "put", "-session");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("flag needs an argument: -session\n");
    }

    @Test
    void kvGetNeedsAKeyUnlessListing() {
        assertThat(CliRun.run("kv", "get")).isEqualTo(new CliRun(1, "", "Error! Missing KEY argument\n"));
        assertThat(CliRun.run("kv", "get", "/")).isEqualTo(new CliRun(1, "", "Error! Missing KEY argument\n"));
    }

    @Test
    void flagsAfterTheKeyAreArgumentsAsWithGoFlagParsing() {
        CliRun r = CliRun.run("kv", "get", "a", "-recurse");

        assertThat(r).isEqualTo(new CliRun(1, "", "Too many arguments (expected 1, got 2)\n"));
    }

    @Test
    void kvPutChecksItsArgumentsBeforeCallingTheAgent() {
        assertThat(CliRun.run("kv", "put").err()).isEqualTo("Error! Missing KEY argument\n");
        assertThat(CliRun.run("kv", "put", "a", "b", "c").err())
                .isEqualTo("Error! Too many arguments (expected 1 or 2, got 3)\n");
        assertThat(CliRun.run("kv", "put", "-acquire", "a").err())
                .isEqualTo("Error! Missing -session (required with -acquire and -release)\n");
        assertThat(CliRun.run("kv", "put", "-base64", "a", "not base64!").err())
                .startsWith("Error! Cannot base 64 decode data: ");
    }

    @Test
    void kvDeleteRefusesContradictoryFlags() {
        assertThat(CliRun.run("kv", "delete").err()).isEqualTo("Error! Missing KEY argument\n");
        assertThat(CliRun.run("kv", "delete", "-cas", "a").err())
                .isEqualTo("Cannot delete a key that does not exist. Provide a -modify-index greater than 0.\n");
        assertThat(CliRun.run("kv", "delete", "-modify-index=3", "a").err())
                .isEqualTo("Cannot specify -modify-index without -cas!\n");
        assertThat(CliRun.run("kv", "delete", "-recurse", "-cas", "-modify-index=3", "a").err())
                .isEqualTo("Cannot specify both -cas and -recurse!\n");
    }

    @Test
    void kvImportNeedsData() {
        assertThat(CliRun.run("kv", "import")).isEqualTo(new CliRun(1, "", "Error! Missing DATA argument\n"));
        assertThat(CliRun.run("kv", "import", "")).isEqualTo(new CliRun(1, "", "Error! Empty DATA argument\n"));
    }

    @Test
    void membersRejectsAnInvalidStatusPattern() {
        CliRun r = CliRun.run("members", "-status=[");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Failed to compile status regexp: error parsing regexp: ");
    }

    @Test
    void badAgentAddressIsAConnectionError() {
        CliRun r = CliRun.withEnv(Map.of("CONSUL_HTTP_ADDR", "ftp://agent:21"), "kv", "get", "a");

        assertThat(r).isEqualTo(new CliRun(1, "", "Error connecting to Consul agent: Unknown protocol scheme: ftp\n"));
    }

    @Test
    void unreachableAgentIsReportedLikeGosDialError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String addr = "127.0.0.1:" + port;

        CliRun r = CliRun.against(addr, "kv", "get", "foo");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error querying Consul agent: Get \"http://" + addr + "/v1/kv/foo\": dial tcp "
                + addr + ": connect: connection refused\n");
    }
}
