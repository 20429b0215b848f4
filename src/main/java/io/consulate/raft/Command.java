package io.consulate.raft;

import io.consulate.state.Bytes;

/**
 * Every write to the state store, as data. Commands live in the Raft log for as long as the cluster
 * does, so their encoding ({@link CommandCodec}) is versioned and never changes meaning. All validation
 * happens before a command is proposed: a committed command must always apply.
 */
public sealed interface Command {
    /** Unconditional KV set. */
    record KvSet(String key, Bytes value, long flags) implements Command {}

    /** KV check-and-set: {@code cas == 0} creates only, otherwise ModifyIndex must equal it. */
    record KvCas(String key, Bytes value, long flags, long cas) implements Command {}

    /** Deletes one key. */
    record KvDelete(String key) implements Command {}

    /** Deletes one key only if its ModifyIndex equals {@code cas}. */
    record KvDeleteCas(String key, long cas) implements Command {}

    /** Deletes every key under a prefix. */
    record KvDeleteTree(String prefix) implements Command {}

    /** Forgets KV tombstones at or below an index (proposed by the leader when they are old). */
    record TombstoneReap(long upToIndex) implements Command {}

    /** Catalog upsert of a node, optionally a service on it, and checks. */
    record CatalogRegister(io.consulate.state.catalog.Registration registration) implements Command {}

    /** Catalog removal: a check, a service with its checks, or (both empty) a whole node. */
    record CatalogDeregister(String node, String serviceId, String checkId) implements Command {}
}
