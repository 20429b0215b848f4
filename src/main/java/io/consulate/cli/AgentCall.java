// SPDX-License-Identifier: Apache-2.0
package io.consulate.cli;

/**
 * Talks to the agent the way Consul's commands do: finds it from the flags and environment (a failure there
 * is {@code Error connecting to Consul agent: ...}), keeps a client open while the command's requests run,
 * and reports a failed request as the command's own prefix followed by the client's error. Every failure
 * exits 1.
 */
final class AgentCall {
    /** The prefix Consul's commands print before an error from a read. */
    static final String QUERY_FAILED = "Error querying Consul agent: ";

    private AgentCall() {}

    /** Requests given an open client ({@link ConsulApi} or {@link KvApi}); returns the exit code. */
    @FunctionalInterface
    interface Session<A> {
        int send(A api) throws ApiException;
    }

    /** Requests on a client already at hand; returns the exit code. */
    @FunctionalInterface
    interface Request {
        int send() throws ApiException;
    }

    /** Runs {@code request}; if it fails, prints {@code failure} and the error on stderr and returns 1. */
    static int report(Terminal t, String failure, Request request) {
        try {
            return request.send();
        } catch (ApiException e) {
            t.error(failure + e.getMessage());
            return 1;
        }
    }

    /**
     * Resolves the agent, then runs {@code session} with a client for it, reporting a failed request after
     * {@code failure}.
     *
     * @param server the server flags, or null for commands without them (such as {@code members})
     */
    static int run(Terminal t, HttpFlags.Client client, HttpFlags.Server server, String failure,
                   Session<ConsulApi> session) {
        ApiTarget target;
        try {
            target = ApiTarget.resolve(client, server, t);
        } catch (ApiException e) {
            t.error("Error connecting to Consul agent: " + e.getMessage());
            return 1;
        }
        try (ConsulApi api = new ConsulApi(target)) {
            return report(t, failure, () -> session.send(api));
        }
    }

    /** {@link #run} for a {@code kv} subcommand: a KV client, and Consul's query error for a failed request. */
    static int kv(Terminal t, KvOptions o, Session<KvApi> session) {
        return run(t, o.client, o.server, QUERY_FAILED, api -> session.send(new KvApi(api)));
    }
}
