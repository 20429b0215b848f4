// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

import picocli.CommandLine.Option;

/**
 * The flags every Consul client command shares for reaching an agent, as picocli mixins. Their values are
 * combined with the environment ({@code CONSUL_HTTP_ADDR}, {@code CONSUL_HTTP_TOKEN}, ...) by
 * {@link ApiTarget#resolve}.
 */
final class HttpFlags {
    private HttpFlags() {}

    /** Where the agent is and who is asking: on every client command. */
    static final class Client {
        @Option(names = {"-http-addr", "--http-addr"}, paramLabel = "address",
                description = "The address and port of the agent's HTTP API, as host:port, http://host:port or "
                        + "https://host:port. Defaults to the CONSUL_HTTP_ADDR environment variable, and to "
                        + "http://127.0.0.1:8500 without it. Setting CONSUL_HTTP_SSL=true selects https.")
        String httpAddr;

        @Option(names = {"-token", "--token"}, paramLabel = "value",
                description = "ACL token sent with the request. Defaults to the CONSUL_HTTP_TOKEN environment "
                        + "variable; without either, the agent uses its own default token.")
        String token;

        @Option(names = {"-token-file", "--token-file"}, paramLabel = "value",
                description = "File holding the ACL token to send when -token is not given. Defaults to the "
                        + "CONSUL_HTTP_TOKEN_FILE environment variable, which in turn wins over CONSUL_HTTP_TOKEN.")
        String tokenFile;
    }

    /** Which servers may answer: on commands that read or write replicated state. */
    static final class Server {
        @Option(names = {"-datacenter", "--datacenter"}, paramLabel = "value",
                description = "Datacenter to query. Defaults to the datacenter of the agent being asked.")
        String datacenter;

        @Option(names = {"-stale", "--stale"},
                description = "Let any server answer reads, not only the leader: faster, but possibly "
                        + "slightly out of date. No effect on writes. The default is false.")
        boolean stale;
    }
}
