package io.consulate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.consulate.http.HttpError;
import io.consulate.state.Bytes;
import io.consulate.state.TxnOp;
import io.consulate.state.TxnOutcome;
import io.consulate.state.catalog.Check;
import io.consulate.state.catalog.Node;
import io.consulate.state.catalog.Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /v1/txn} on the wire: the operation list in (Consul's api.TxnOps, keys case-insensitive,
 * KV values base64) and the {@code {"Results":..,"Errors":..}} body out.
 */
public final class TxnWire {
    private TxnWire() {}

    /** One element of the request array: exactly one of the four is expected. */
    record Op(@JsonProperty("KV") KvOp kv, @JsonProperty("Node") NodeOp node,
              @JsonProperty("Service") ServiceOp service, @JsonProperty("Check") CheckOp check) {}

    record KvOp(@JsonProperty("Verb") String verb, @JsonProperty("Key") String key,
                @JsonProperty("Value") String value, @JsonProperty("Flags") long flags,
                @JsonProperty("Index") long index, @JsonProperty("Session") String session) {}

    record NodeOp(@JsonProperty("Verb") String verb, @JsonProperty("Node") Node node) {}

    record ServiceOp(@JsonProperty("Verb") String verb, @JsonProperty("Node") String node,
                     @JsonProperty("Service") ServiceBody service) {}

    record ServiceBody(@JsonProperty("ID") String id, @JsonProperty("Service") String service,
                       @JsonProperty("Kind") String kind, @JsonProperty("Tags") List<String> tags,
                       @JsonProperty("Address") String address, @JsonProperty("Meta") Map<String, String> meta,
                       @JsonProperty("Port") int port, @JsonProperty("Weights") Map<String, Integer> weights,
                       @JsonProperty("EnableTagOverride") boolean enableTagOverride,
                       @JsonProperty("ModifyIndex") long modifyIndex) {}

    record CheckOp(@JsonProperty("Verb") String verb, @JsonProperty("Check") Check check) {}

    /** The response body. */
    @JsonPropertyOrder({"Results", "Errors"})
    record Response(@JsonProperty("Results") @JsonInclude(JsonInclude.Include.ALWAYS) List<Map<String, Object>> results,
                    @JsonProperty("Errors") @JsonInclude(JsonInclude.Include.ALWAYS) List<ErrorWire> errors) {}

    @JsonPropertyOrder({"OpIndex", "What"})
    record ErrorWire(@JsonProperty("OpIndex") int opIndex, @JsonProperty("What") String what) {}

    /**
     * Parses the request body. Malformed JSON, a bad base64 value or an element with no operation is a
     * 400 ({@code Failed to parse body: ...}, Consul's prefix); verbs are not checked here.
     */
    public static List<TxnOp> parse(byte[] body) {
        Op[] ops;
        try {
            ops = Json.mapper().readValue(body, Op[].class);
        } catch (IOException | RuntimeException e) {
            throw HttpError.badRequest("Failed to parse body: " + firstLine(e));
        }
        if (ops == null) {
            throw HttpError.badRequest("Failed to parse body: expected an array of operations");
        }
        List<TxnOp> out = new ArrayList<>(ops.length);
        for (int i = 0; i < ops.length; i++) {
            out.add(convert(i, ops[i]));
        }
        return out;
    }

    private static TxnOp convert(int i, Op op) {
        if (op == null) {
            throw HttpError.badRequest("Failed to parse body: operation " + i + " is null");
        }
        if (op.kv() != null) {
            KvOp k = op.kv();
            return new TxnOp.Kv(verb(k.verb()), k.key(), base64(i, k.value()), k.flags(), k.index(), k.session());
        }
        if (op.node() != null) {
            if (op.node().node() == null) {
                throw HttpError.badRequest("Failed to parse body: operation " + i + " has no Node");
            }
            return new TxnOp.NodeOp(verb(op.node().verb()), op.node().node());
        }
        if (op.service() != null) {
            ServiceOp s = op.service();
            ServiceBody b = s.service() == null ? new ServiceBody(null, null, null, null, null, null, 0, null, false, 0)
                    : s.service();
            String name = b.service() == null ? "" : b.service();
            return new TxnOp.ServiceOp(verb(s.verb()), new Service(s.node() == null ? "" : s.node(), b.kind(),
                    b.id(), name, b.tags(), b.address(), null, b.meta(), b.port(), b.weights(),
                    b.enableTagOverride(), 0, b.modifyIndex()));
        }
        if (op.check() != null) {
            if (op.check().check() == null) {
                throw HttpError.badRequest("Failed to parse body: operation " + i + " has no Check");
            }
            return new TxnOp.CheckOp(verb(op.check().verb()), op.check().check());
        }
        throw HttpError.badRequest("Failed to parse body: operation " + i + " has no KV, Node, Service or Check");
    }

    /** Renders an outcome: 200 with Results, or 409 with Errors. */
    public static byte[] render(TxnOutcome o) {
        if (!o.ok()) {
            List<ErrorWire> errors = o.errors().stream().map(e -> new ErrorWire(e.opIndex(), e.what())).toList();
            return Json.write(new Response(null, errors));
        }
        List<Map<String, Object>> results = new ArrayList<>(o.results().size());
        for (TxnOutcome.Result r : o.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.kv() != null) {
                m.put("KV", KvPair.of(r.kv()));
            } else if (r.node() != null) {
                m.put("Node", CatalogWire.node(r.node()));
            } else if (r.service() != null) {
                m.put("Service", CatalogWire.service(r.service()));
            } else {
                m.put("Check", CatalogWire.check(r.check()));
            }
            results.add(m);
        }
        return Json.write(new Response(results, null));
    }

    private static String verb(String v) {
        return v == null ? "" : v;
    }

    private static Bytes base64(int i, String v) {
        if (v == null || v.isEmpty()) {
            return Bytes.EMPTY;
        }
        try {
            return Bytes.wrapUnsafe(Base64.getDecoder().decode(v));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Failed to parse body: operation " + i + ": Value is not valid base64");
        }
    }

    private static String firstLine(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        msg = nl >= 0 ? msg.substring(0, nl) : msg;
        return msg.length() > 200 ? msg.substring(0, 200) + "..." : msg;
    }
}
