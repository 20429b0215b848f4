package io.consulate.raft;

import io.consulate.state.StateStore;

/** Maps each command to exactly one store mutation (Consul's FSM command table). */
final class Applier {
    private final StateStore store;

    Applier(StateStore store) {
        this.store = store;
    }

    Object apply(long index, Command command) {
        return switch (command) {
            case Command.KvSet c -> store.kvSet(index, c.key(), c.value(), c.flags());
            case Command.KvCas c -> store.kvCas(index, c.key(), c.value(), c.flags(), c.cas());
            case Command.KvDelete c -> store.kvDelete(index, c.key());
            case Command.KvDeleteCas c -> store.kvDeleteCas(index, c.key(), c.cas());
            case Command.KvDeleteTree c -> store.kvDeleteTree(index, c.prefix());
            case Command.CatalogRegister c -> {
                store.catalogRegister(index, c.registration());
                yield Boolean.TRUE;
            }
            case Command.CatalogDeregister c -> {
                store.catalogDeregister(index, c.node(), c.serviceId(), c.checkId());
                yield Boolean.TRUE;
            }
            case Command.SessionCreate c -> store.sessions().create(index, c.session());
            case Command.SessionDestroy c -> store.sessions().destroy(index, c.id());
            case Command.KvLock c -> store.sessions().kvLock(index, c.key(), c.value(), c.flags(), c.session());
            case Command.KvUnlock c -> store.sessions().kvUnlock(index, c.key(), c.value(), c.flags(), c.session());
            case Command.Txn c -> store.txn(index, c.ops());
            case Command.TombstoneReap c -> {
                store.kvReapTombstones(c.upToIndex());
                yield Boolean.TRUE;
            }
        };
    }
}
