// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated health-check definition: one record per check type, each holding the {@link CheckCommon} fields
 * and its own options. Built by {@link CheckDefinitions#parse}.
 *
 * <p>Why a sealed hierarchy: Consul infers the type of a check from which fields are present; doing that once,
 * at parse time, lets every later step (runner factory, API rendering) switch exhaustively over the type instead
 * of re-testing fields.
 */
public sealed interface CheckDefinition {

    /** Consul never runs interval checks more often than this (it clamps smaller intervals up, with a warning). */
    Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** Consul's minimum for {@code DeregisterCriticalServiceAfter} ({@code check_deregister_interval_min}). */
    Duration MIN_DEREGISTER_CRITICAL_SERVICE_AFTER = Duration.ofMinutes(1);

    /** The fields common to every check type. */
    CheckCommon common();

    /** Consul's name for the type, as shown in the check's {@code Type} field ({@code "http"}, {@code "ttl"}...). */
    String type();

    /** The timeout used when the definition gives none. */
    default Duration defaultTimeout() {
        return Duration.ofSeconds(10);
    }

    /** The timeout each run gets: the definition's if positive, else the type's default. */
    default Duration effectiveTimeout() {
        Duration t = common().timeout();
        return t.isNegative() || t.isZero() ? defaultTimeout() : t;
    }

    /** The interval the check runs at: the definition's, raised to {@link #MIN_INTERVAL} when below it. */
    default Duration effectiveInterval() {
        Duration i = common().interval();
        return i.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : i;
    }

    /**
     * How long the check's service may stay critical before the agent removes it: zero (never) when not set,
     * otherwise at least {@link #MIN_DEREGISTER_CRITICAL_SERVICE_AFTER}.
     */
    default Duration effectiveDeregisterCriticalServiceAfter() {
        Duration d = common().deregisterCriticalServiceAfter();
        if (d.isNegative() || d.isZero()) {
            return Duration.ZERO;
        }
        return d.compareTo(MIN_DEREGISTER_CRITICAL_SERVICE_AFTER) < 0 ? MIN_DEREGISTER_CRITICAL_SERVICE_AFTER : d;
    }

    /**
     * An HTTP check: a request to {@code url}; 2xx is passing, 429 warning, anything else critical.
     *
     * @param header           extra request headers (name to values); unmodifiable
     * @param method           the request method; "" means GET
     * @param disableRedirects when true a 3xx answer is the result instead of being followed
     */
    record Http(CheckCommon common, String url, String method, Map<String, List<String>> header, String body,
                boolean tlsSkipVerify, String tlsServerName, boolean disableRedirects) implements CheckDefinition {
        /** Defensive, unmodifiable copies. */
        public Http {
            header = copyHeader(header);
            method = Objects.requireNonNullElse(method, "");
            body = Objects.requireNonNullElse(body, "");
            tlsServerName = Objects.requireNonNullElse(tlsServerName, "");
        }

        @Override
        public String type() {
            return "http";
        }
    }

    /** A TCP check: a connect (and TLS handshake with {@code useTls}) to {@code address} ("host:port"). */
    record Tcp(CheckCommon common, String address, boolean useTls, boolean tlsSkipVerify, String tlsServerName)
            implements CheckDefinition {
        /** Replaces a null server name with "". */
        public Tcp {
            tlsServerName = Objects.requireNonNullElse(tlsServerName, "");
        }

        @Override
        public String type() {
            return "tcp";
        }
    }

    /** A UDP check: a datagram to {@code address}; only an error (ICMP unreachable) is critical. */
    record Udp(CheckCommon common, String address) implements CheckDefinition {
        @Override
        public String type() {
            return "udp";
        }
    }

    /** A gRPC check: {@code grpc.health.v1.Health/Check} against {@code target} ("host:port[/service]"). */
    record Grpc(CheckCommon common, String target, boolean useTls, boolean tlsSkipVerify, String tlsServerName)
            implements CheckDefinition {
        /** Replaces a null server name with "". */
        public Grpc {
            tlsServerName = Objects.requireNonNullElse(tlsServerName, "");
        }

        @Override
        public String type() {
            return "grpc";
        }
    }

    /** An HTTP/2 PING to {@code address} over TLS (h2, the default) or cleartext (h2c prior knowledge). */
    record H2Ping(CheckCommon common, String address, boolean useTls, boolean tlsSkipVerify, String tlsServerName)
            implements CheckDefinition {
        /** Replaces a null server name with "". */
        public H2Ping {
            tlsServerName = Objects.requireNonNullElse(tlsServerName, "");
        }

        @Override
        public String type() {
            return "h2ping";
        }
    }

    /**
     * A script check: runs {@code args}, or when they are empty the legacy {@code script} with
     * {@code shell -c} (the shell defaults to {@code $SHELL}, then {@code /bin/sh}). Exit 0 is passing, 1 warning,
     * anything else critical.
     */
    record Script(CheckCommon common, List<String> args, String shell, String script) implements CheckDefinition {
        /** Defensive, unmodifiable copies. */
        public Script {
            args = List.copyOf(Objects.requireNonNullElse(args, List.of()));
            shell = Objects.requireNonNullElse(shell, "");
            script = Objects.requireNonNullElse(script, "");
        }

        @Override
        public String type() {
            return "script";
        }

        @Override
        public Duration defaultTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    /** A TTL check: the application reports its own status and must do so at least every {@code ttl}. */
    record Ttl(CheckCommon common, Duration ttl) implements CheckDefinition {
        @Override
        public String type() {
            return "ttl";
        }
    }

    /** An alias check: mirrors the health of another service and/or node from the catalog. */
    record Alias(CheckCommon common, String aliasNode, String aliasService) implements CheckDefinition {
        /** Replaces nulls with "". */
        public Alias {
            aliasNode = Objects.requireNonNullElse(aliasNode, "");
            aliasService = Objects.requireNonNullElse(aliasService, "");
        }

        @Override
        public String type() {
            return "alias";
        }
    }

    /** A Docker check: runs {@code args} (or {@code shell -c script}) inside a container via the Docker API. */
    record DockerContainer(CheckCommon common, String containerId, List<String> args, String shell, String script)
            implements CheckDefinition {
        /** Defensive, unmodifiable copies. */
        public DockerContainer {
            args = List.copyOf(Objects.requireNonNullElse(args, List.of()));
            shell = Objects.requireNonNullElse(shell, "");
            script = Objects.requireNonNullElse(script, "");
        }

        @Override
        public String type() {
            return "docker";
        }

        @Override
        public Duration defaultTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    /** An OS service check: the state of a systemd unit or Windows service. */
    record OsService(CheckCommon common, String service) implements CheckDefinition {
        @Override
        public String type() {
            return "os_service";
        }

        @Override
        public Duration defaultTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    private static Map<String, List<String>> copyHeader(Map<String, List<String>> header) {
        if (header == null || header.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        header.forEach((k, v) -> copy.put(k, List.copyOf(v == null ? new ArrayList<>() : v)));
        return Collections.unmodifiableMap(copy);
    }
}
