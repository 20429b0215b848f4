package io.consulate.raft;

import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The reply of an applied command as it travels back through Ratis, plus the index it committed at.
 *
 * @param index the Raft index the command was applied at
 * @param value {@link Boolean} for KV writes, {@link io.consulate.state.TxnOutcome} for a transaction
 */
public record ApplyResult(long index, Object value) {
    private static final Message TRUE = Message.valueOf(ByteString.copyFrom(new byte[] {1}));
    private static final Message FALSE = Message.valueOf(ByteString.copyFrom(new byte[] {0}));

    static Message encode(Object result) {
        if (result instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (result instanceof io.consulate.state.TxnOutcome o) {
            return Message.valueOf(ByteString.copyFrom(TxnCodec.encodeOutcome(o)));
        }
        throw new IllegalStateException("unencodable result " + result);
    }

    static Object decode(ByteString content) {
        if (content.size() > 1) {
            return TxnCodec.decodeOutcome(content.toByteArray());
        }
        return content.size() == 1 ? content.byteAt(0) == 1 : null;
    }

    public boolean ok() {
        return Boolean.TRUE.equals(value);
    }
}
