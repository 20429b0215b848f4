package io.consulate.state;

import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.util.List;

/**
 * What a transaction produced: results when every operation succeeded, otherwise the errors (and the
 * store is untouched).
 *
 * @param results one entry per result in operation order (a get-tree adds one per key, a delete none)
 * @param errors  empty on success
 */
public record TxnOutcome(List<Result> results, List<Error> errors) {
    public TxnOutcome {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** One result: exactly one of the fields is set. A KV entry has its value only for get and get-tree. */
    public record Result(KvEntry kv, Node node, Service service, Check check) {
        public static Result of(KvEntry e) {
            return new Result(e, null, null, null);
        }

        public static Result of(Node n) {
            return new Result(null, n, null, null);
        }

        public static Result of(Service s) {
            return new Result(null, null, s, null);
        }

        public static Result of(Check c) {
            return new Result(null, null, null, c);
        }
    }

    /** Why operation {@code opIndex} failed, in Consul's words. */
    public record Error(int opIndex, String what) {}
}
