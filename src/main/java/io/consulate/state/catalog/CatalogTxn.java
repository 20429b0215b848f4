package io.consulate.state.catalog;

import static io.consulate.text.GoQuote.quote;

import io.consulate.state.TxnOp;
import io.consulate.state.TxnOpFailed;
import io.consulate.state.TxnOutcome.Result;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Node, Service and Check verbs of a transaction, staged on a private catalog version: every
 * operation sees the ones before it, and nothing is visible to readers (nor wakes a watcher) until
 * {@link #commit}. Error texts are Consul's.
 */
public final class CatalogTxn {
    private final CatalogStore owner;
    private final Set<String> touched = new HashSet<>();
    private final Set<String> nodesChanged = new LinkedHashSet<>();
    private CatalogTables t;

    CatalogTxn(CatalogStore owner, CatalogTables start) {
        this.owner = owner;
        this.t = start;
    }

    /** Publishes the staged version and fires its topics; returns the names of the nodes it changed. */
    public Set<String> commit() {
        if (!touched.isEmpty()) {
            owner.commit(t, touched);
        }
        return nodesChanged;
    }

    public List<Result> node(long idx, TxnOp.NodeOp op) {
        Node in = op.node();
        Node existing = t.nodes().get(in.key());
        return switch (op.verb()) {
            case "get" -> {
                if (existing == null) {
                    throw new TxnOpFailed("node " + quote(in.node()) + " doesn't exist");
                }
                yield List.of(Result.of(existing));
            }
            case "set" -> List.of(Result.of(setNode(idx, in)));
            case "cas" -> {
                if (!casMatches(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new TxnOpFailed("failed to set node " + quote(in.node()) + ", index is stale");
                }
                yield List.of(Result.of(setNode(idx, in)));
            }
            case "delete" -> delete(idx, in.node(), "", "");
            case "delete-cas" -> {
                if (existing == null || existing.modifyIndex() != in.modifyIndex()) {
                    throw new TxnOpFailed("failed to delete node " + quote(in.node()) + ", index is stale");
                }
                yield delete(idx, in.node(), "", "");
            }
            default -> throw new TxnOpFailed("unknown Node verb " + quote(op.verb()));
        };
    }

    public List<Result> service(long idx, TxnOp.ServiceOp op) {
        Service in = op.service();
        String nodeKey = Catalog.key(in.node());
        Service existing = t.servicesOn(nodeKey).get(in.id());
        String where = quote(in.id()) + " on node " + quote(in.node());
        return switch (op.verb()) {
            case "get" -> {
                if (existing == null) {
                    throw new TxnOpFailed("service " + where + " doesn't exist");
                }
                yield List.of(Result.of(existing));
            }
            case "set" -> List.of(Result.of(setService(idx, in)));
            case "cas" -> {
                if (!casMatches(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new TxnOpFailed("failed to set service " + where + ", index is stale");
                }
                yield List.of(Result.of(setService(idx, in)));
            }
            case "delete" -> delete(idx, in.node(), in.id(), "");
            case "delete-cas" -> {
                if (existing == null || existing.modifyIndex() != in.modifyIndex()) {
                    throw new TxnOpFailed("failed to delete service " + where + ", index is stale");
                }
                yield delete(idx, in.node(), in.id(), "");
            }
            default -> throw new TxnOpFailed("unknown Service verb " + quote(op.verb()));
        };
    }

    public List<Result> check(long idx, TxnOp.CheckOp op) {
        Check in = op.check();
        String nodeKey = Catalog.key(in.node());
        Check existing = t.checksOn(nodeKey).get(in.checkId());
        String where = quote(in.checkId()) + " on node " + quote(in.node());
        return switch (op.verb()) {
            case "get" -> {
                if (existing == null) {
                    throw new TxnOpFailed("check " + where + " doesn't exist");
                }
                yield List.of(Result.of(existing));
            }
            case "set" -> List.of(Result.of(setCheck(idx, in)));
            case "cas" -> {
                if (!casMatches(in.modifyIndex(), existing == null ? null : existing.modifyIndex())) {
                    throw new TxnOpFailed("failed to set check " + where + ", index is stale");
                }
                yield List.of(Result.of(setCheck(idx, in)));
            }
            case "delete" -> delete(idx, in.node(), "", in.checkId());
            case "delete-cas" -> {
                if (existing == null || existing.modifyIndex() != in.modifyIndex()) {
                    throw new TxnOpFailed("failed to delete check " + where + ", index is stale");
                }
                yield delete(idx, in.node(), "", in.checkId());
            }
            default -> throw new TxnOpFailed("unknown Check verb " + quote(op.verb()));
        };
    }

    /** A CAS index of 0 means "only if it does not exist"; otherwise it must equal the current ModifyIndex. */
    private static boolean casMatches(long cas, Long current) {
        return cas == 0 ? current == null : current != null && current == cas;
    }

    private Node setNode(long idx, Node in) {
        apply(idx, new Registration(in, null, List.of(), false), in.node());
        return t.nodes().get(in.key());
    }

    private Service setService(long idx, Service in) {
        Node node = requireNode(in.node());
        apply(idx, new Registration(node, in.onNodeNamed(node.node()), List.of(), true), node.node());
        return t.servicesOn(node.key()).get(in.id());
    }

    private Check setCheck(long idx, Check in) {
        Node node = requireNode(in.node());
        if (!in.isNodeCheck() && t.servicesOn(node.key()).get(in.serviceId()) == null) {
            throw new TxnOpFailed("Missing service registration");
        }
        apply(idx, new Registration(node, null, List.of(in), true), node.node());
        return t.checksOn(node.key()).get(in.checkId());
    }

    private Node requireNode(String name) {
        Node node = t.nodes().get(Catalog.key(name));
        if (node == null) {
            throw new TxnOpFailed("Missing node registration");
        }
        return node;
    }

    private void apply(long idx, Registration r, String node) {
        t = CatalogStore.registered(t, idx, r, touched);
        nodesChanged.add(node);
    }

    private List<Result> delete(long idx, String node, String serviceId, String checkId) {
        t = CatalogStore.deregistered(t, idx, node, serviceId, checkId, touched);
        nodesChanged.add(node);
        return List.of();
    }
}
