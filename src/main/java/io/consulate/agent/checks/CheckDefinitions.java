// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.consulate.agent.checks.CheckDefinitionException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Turns a raw check definition (a decoded JSON body or config block) into a typed {@link CheckDefinition},
 * inferring the type and validating it exactly as Consul does.
 *
 * <p>Rules, in Consul's order:
 * <ol>
 *   <li>Keys match case-insensitively, with or without underscores; {@code args} and {@code ScriptArgs} are the
 *       same field. Durations are Go strings or numbers of nanoseconds.</li>
 *   <li>{@code Status}, when given, must be passing, warning or critical.</li>
 *   <li>Consul's {@code CheckType.Validate()}: Interval and TTL exclude each other; script, HTTP, H2PING, TCP, UDP,
 *       gRPC and OSService checks need an Interval; alias checks take neither an interval type nor a TTL; anything
 *       else needs a TTL; OutputMaxSize is not negative; FailuresBeforeWarning is not above
 *       FailuresBeforeCritical.</li>
 *   <li>Script (and Docker) checks need the agent's permission for the definition's source.</li>
 * </ol>
 * When several type fields are present, the type Consul's agent would <em>run</em> wins: TTL, HTTP, TCP, UDP,
 * gRPC, Docker, OSService, script, H2PING, alias.
 *
 * <p>Stateless and thread-safe.
 */
public final class CheckDefinitions {

    private CheckDefinitions() {
    }

    /**
     * True when the raw definition holds only zero values (or nothing); Consul silently drops such a
     * {@code "Check": {}} from a service registration instead of rejecting it.
     */
    public static boolean isEmpty(Map<String, ?> raw) {
        return new RawCheck(raw).isEmpty();
    }

    /**
     * Parses and validates one check definition.
     *
     * @param raw the decoded object (keys in any case, values as Jackson or the HCL parser produce them)
     * @param ctx where the definition comes from and whether script checks are allowed there
     * @return the typed definition
     * @throws CheckDefinitionException with Consul's message when the definition is rejected
     */
    public static CheckDefinition parse(Map<String, ?> raw, ParseContext ctx) throws CheckDefinitionException {
        RawCheck r = new RawCheck(raw);
        String status = r.string("Status", "status");
        if (!status.isEmpty() && !CheckResult.isValidStatus(status)) {
            throw new CheckDefinitionException(Kind.BAD_STATUS, "Bad check status");
        }
        CheckCommon common = new CheckCommon(
                r.string("ID", "id", "checkid"),
                r.string("Name", "name"),
                r.string("ServiceID", "serviceid"),
                r.string("Notes", "notes"),
                r.string("Token", "token"),
                status,
                r.duration("Interval", "interval"),
                r.duration("Timeout", "timeout"),
                r.integer("SuccessBeforePassing", "successbeforepassing"),
                r.integer("FailuresBeforeWarning", "failuresbeforewarning"),
                r.integer("FailuresBeforeCritical", "failuresbeforecritical"),
                r.duration("DeregisterCriticalServiceAfter", "deregistercriticalserviceafter"),
                r.integer("OutputMaxSize", "outputmaxsize"));
        Fields f = new Fields(r);
        validate(f, common);
        if (f.isScript() && !ctx.scriptsAllowed()) {
            throw new CheckDefinitionException(Kind.SCRIPTS_DISABLED, ctx.scriptsDisabledMessage());
        }
        return build(f, common);
    }

    /** Consul's {@code CheckType.Validate()}, with its texts. */
    private static void validate(Fields f, CheckCommon c) throws CheckDefinitionException {
        boolean intervalCheck = f.isScript() || !f.http.isEmpty() || !f.tcp.isEmpty() || !f.udp.isEmpty()
                || !f.grpc.isEmpty() || !f.h2ping.isEmpty() || !f.osService.isEmpty();
        boolean alias = f.isAlias();
        boolean hasInterval = positive(c.interval());
        boolean hasTtl = positive(f.ttl);
        if (hasInterval && hasTtl) {
            throw invalid("Interval and TTL cannot both be specified");
        }
        if (intervalCheck && !hasInterval) {
            throw invalid("Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks");
        }
        if (intervalCheck && alias) {
            throw invalid("Interval cannot be set for Alias checks");
        }
        if (alias && hasTtl) {
            throw invalid("TTL must be not be set for Alias checks");
        }
        if (!intervalCheck && !alias && !hasTtl) {
            throw invalid("TTL must be > 0 for TTL checks");
        }
        if (c.outputMaxSize() < 0) {
            throw invalid("MaxOutputMaxSize must be positive");
        }
        if (c.failuresBeforeWarning() > c.failuresBeforeCritical()) {
            throw invalid("FailuresBeforeWarning can't be higher than FailuresBeforeCritical");
        }
    }

    private static CheckDefinition build(Fields f, CheckCommon c) {
        if (positive(f.ttl)) {
            return new CheckDefinition.Ttl(c, f.ttl);
        }
        if (!f.http.isEmpty()) {
            return new CheckDefinition.Http(c, f.http, f.method, f.header, f.body, f.tlsSkipVerify,
                    f.tlsServerName, f.disableRedirects);
        }
        if (!f.tcp.isEmpty()) {
            return new CheckDefinition.Tcp(c, f.tcp, f.tcpUseTls, f.tlsSkipVerify, f.tlsServerName);
        }
        if (!f.udp.isEmpty()) {
            return new CheckDefinition.Udp(c, f.udp);
        }
        if (!f.grpc.isEmpty()) {
            return new CheckDefinition.Grpc(c, f.grpc, f.grpcUseTls, f.tlsSkipVerify, f.tlsServerName);
        }
        if (f.isScript() && !f.dockerContainerId.isEmpty()) {
            return new CheckDefinition.DockerContainer(c, f.dockerContainerId, f.args, f.shell, f.script);
        }
        if (!f.osService.isEmpty()) {
            return new CheckDefinition.OsService(c, f.osService);
        }
        if (f.isScript()) {
            return new CheckDefinition.Script(c, f.args, f.shell, f.script);
        }
        if (!f.h2ping.isEmpty()) {
            return new CheckDefinition.H2Ping(c, f.h2ping, f.h2pingUseTls, f.tlsSkipVerify, f.tlsServerName);
        }
        return new CheckDefinition.Alias(c, f.aliasNode, f.aliasService); // validate() guarantees it is one
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static CheckDefinitionException invalid(String message) {
        return new CheckDefinitionException(Kind.INVALID, message);
    }

    /** The type-specific fields, decoded. */
    private static final class Fields {
        final List<String> args;
        final String script;
        final String shell;
        final String http;
        final String method;
        final Map<String, List<String>> header;
        final String body;
        final boolean disableRedirects;
        final String tcp;
        final boolean tcpUseTls;
        final String udp;
        final String grpc;
        final boolean grpcUseTls;
        final String h2ping;
        final boolean h2pingUseTls;
        final String tlsServerName;
        final boolean tlsSkipVerify;
        final String aliasNode;
        final String aliasService;
        final String dockerContainerId;
        final String osService;
        final Duration ttl;

        Fields(RawCheck r) throws CheckDefinitionException {
            args = r.strings("ScriptArgs", "scriptargs", "args");
            script = r.string("Script", "script");
            shell = r.string("Shell", "shell");
            http = r.string("HTTP", "http");
            method = r.string("Method", "method");
            header = r.header("Header", "header");
            body = r.string("Body", "body");
            disableRedirects = r.bool("DisableRedirects", "disableredirects");
            tcp = r.string("TCP", "tcp");
            tcpUseTls = r.bool("TCPUseTLS", "tcpusetls");
            udp = r.string("UDP", "udp");
            grpc = r.string("GRPC", "grpc");
            grpcUseTls = r.bool("GRPCUseTLS", "grpcusetls");
            h2ping = r.string("H2PING", "h2ping");
            // Consul defaults H2PingUseTLS to true for H2PING checks unless it is explicitly set.
            h2pingUseTls = r.has("h2pingusetls") ? r.bool("H2PingUseTLS", "h2pingusetls") : !h2ping.isEmpty();
            tlsServerName = r.string("TLSServerName", "tlsservername");
            tlsSkipVerify = r.bool("TLSSkipVerify", "tlsskipverify");
            aliasNode = r.string("AliasNode", "aliasnode");
            aliasService = r.string("AliasService", "aliasservice");
            dockerContainerId = r.string("DockerContainerID", "dockercontainerid");
            osService = r.string("OSService", "osservice");
            ttl = r.duration("TTL", "ttl");
        }

        boolean isScript() {
            return !args.isEmpty() || !script.isEmpty();
        }

        boolean isAlias() {
            return !aliasNode.isEmpty() || !aliasService.isEmpty();
        }
    }
}
