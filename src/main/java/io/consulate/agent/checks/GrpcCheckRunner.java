// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.checks;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a gRPC check: {@code grpc.health.v1.Health/Check} against {@code host:port[/service]} (the service part,
 * when present, is the request's {@code service} field). {@code SERVING} is passing ({@code "gRPC check
 * <target>: success"}); another status is critical ({@code "gRPC <target> serving status: NOT_SERVING"}), and so is
 * an RPC error, worded like Go's ({@code "rpc error: code = Unavailable desc = ..."}).
 *
 * <p>Why a fresh channel per run: that is what Consul does, and a long-lived channel would hide a restarted
 * server behind its reconnect back-off. Calls complete on gRPC's shared event loop; nothing blocks.
 */
final class GrpcCheckRunner implements CheckRunner {

    private final CheckDefinition.Grpc def;
    private final CheckTls tls;

    GrpcCheckRunner(CheckDefinition.Grpc def, CheckTls tls) {
        this.def = def;
        this.tls = tls;
    }

    @Override
    public CompletableFuture<CheckResult> run(Duration timeout) {
        String target = def.target();
        int slash = target.indexOf('/');
        String server = slash < 0 ? target : target.substring(0, slash);
        String service = slash < 0 ? "" : target.substring(slash + 1);
        ManagedChannel channel;
        try {
            ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(server, credentials()).directExecutor();
            if (def.useTls() && !def.tlsServerName().isEmpty()) {
                builder.overrideAuthority(def.tlsServerName());
            }
            channel = builder.build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CheckResult.critical(String.valueOf(e.getMessage())));
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        HealthGrpc.newStub(channel)
                .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(HealthCheckResponse response) {
                        if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                            result.complete(CheckResult.passing("gRPC check " + target + ": success"));
                        } else {
                            result.complete(CheckResult.critical(
                                    "gRPC " + target + " serving status: " + response.getStatus()));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.complete(CheckResult.critical(rpcError(Status.fromThrowable(t))));
                    }

                    @Override
                    public void onCompleted() {
                        result.complete(CheckResult.critical("rpc error: code = Internal desc = no response"));
                    }
                });
        result.whenComplete((r, e) -> channel.shutdownNow());
        return result;
    }

    private ChannelCredentials credentials() {
        if (!def.useTls()) {
            return InsecureChannelCredentials.create();
        }
        return TlsChannelCredentials.newBuilder().trustManager(tls.trustManagers(def.tlsSkipVerify())).build();
    }

    /** Go's rendering of a gRPC status error. */
    static String rpcError(Status status) {
        StringBuilder desc = new StringBuilder(status.getDescription() == null ? "" : status.getDescription());
        Throwable cause = status.getCause();
        if (cause != null && !(cause instanceof StatusRuntimeException)) {
            Throwable root = GoErrors.root(cause);
            desc.append(desc.isEmpty() ? "" : ": ").append(root.getMessage() == null
                    ? root.getClass().getSimpleName() : root.getMessage());
        }
        return "rpc error: code = " + goCode(status.getCode()) + " desc = " + desc;
    }

    /** {@code DEADLINE_EXCEEDED} becomes Go's {@code DeadlineExceeded}; Go spells CANCELLED "Canceled". */
    private static String goCode(Status.Code code) {
        if (code == Status.Code.CANCELLED) {
            return "Canceled";
        }
        if (code == Status.Code.OK) {
            return "OK";
        }
        StringBuilder out = new StringBuilder();
        for (String part : code.name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
