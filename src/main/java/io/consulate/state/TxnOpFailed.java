package io.consulate.state;

/** One transaction operation failed; the message is Consul's error text for it. Carries no stack trace. */
public final class TxnOpFailed extends RuntimeException {
    public TxnOpFailed(String what) {
        super(what, null, false, false);
    }
}
