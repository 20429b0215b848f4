package io.consulate.state;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.Objects;

/**
 * One operation of a transaction ({@code PUT /v1/txn}), as the state store applies it. Verbs stay the
 * strings the client sent: an unknown verb is an operation error with Consul's text, not a parse error.
 */
public sealed interface TxnOp {
    /** Verbs that only read or compare; a transaction made only of these is served without Raft. */
    java.util.Set<String> KV_READS = java.util.Set.of("get", "get-tree", "check-index", "check-session",
            "check-not-exists");

    /** The verb as sent ({@code set}, {@code cas}, {@code get}, ...). */
    String verb();

    /** True when this operation can change the store (unknown verbs count as reads, as in Consul). */
    boolean writes();

    /**
     * A KV operation (Consul's KVTxnOp).
     *
     * @param value   {@code null} or empty for no value
     * @param index   the CAS or check index ({@code Index} on the wire)
     * @param session the session for lock, unlock and check-session; {@code ""} when absent
     */
    record Kv(String verb, String key, Bytes value, long flags, long index, String session) implements TxnOp {
        public Kv {
            Objects.requireNonNull(verb, "verb");
            key = key == null ? "" : key;
            value = value == null ? Bytes.EMPTY : value;
            session = session == null ? "" : session;
        }

        @Override
        public boolean writes() {
            return switch (verb) {
                case "set", "cas", "lock", "unlock", "delete", "delete-tree", "delete-cas" -> true;
                default -> false;
            };
        }
    }

    /** A node operation; {@code node.modifyIndex()} is the CAS index. */
    record NodeOp(String verb, Node node) implements TxnOp {
        public NodeOp {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public boolean writes() {
            return catalogWrite(verb);
        }
    }

    /** A service operation on a node; {@code service.modifyIndex()} is the CAS index. */
    record ServiceOp(String verb, Service service) implements TxnOp {
        public ServiceOp {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(service, "service");
        }

        @Override
        public boolean writes() {
            return catalogWrite(verb);
        }
    }

    /** A check operation; {@code check.modifyIndex()} is the CAS index. */
    record CheckOp(String verb, Check check) implements TxnOp {
        public CheckOp {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(check, "check");
        }

        @Override
        public boolean writes() {
            return catalogWrite(verb);
        }
    }

    private static boolean catalogWrite(String verb) {
        return switch (verb) {
            case "set", "cas", "delete", "delete-cas" -> true;
            default -> false;
        };
    }
}
