// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.io.IOException;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The first look at a packet: either a well-formed standard query, an error reply that needs no lookup, or
 * nothing at all.
 *
 * <p>Why a gate of its own: every malformed packet must end here as FORMERR (or silence), never as an
 * exception further in. The rules, after RFC 1035, RFC 6891 and RFC 9267:
 * <ul>
 *   <li>shorter than a header, or a response (QR set): dropped, so we never answer answers (no loops, no
 *       reflection);</li>
 *   <li>an opcode other than QUERY: NOTIMP;</li>
 *   <li>anything the decoder rejects (truncation, compression loops or forward pointers, over-long names,
 *       RDLENGTH overruns, counts that do not match the data), a question count other than one, or more than
 *       one OPT record: FORMERR;</li>
 *   <li>EDNS version above 0: BADVERS.</li>
 * </ul>
 */
sealed interface InboundPacket {

    /** Nothing is sent back. */
    record Drop(String reason) implements InboundPacket {}

    /** An error reply built from the header alone; no lookup happens. */
    record Reject(byte[] wire) implements InboundPacket {}

    /**
     * A standard query with exactly one question.
     *
     * @param opt the request's EDNS record, or null without EDNS
     */
    record Query(Message message, OPTRecord opt) implements InboundPacket {
        Record question() {
            return message.getQuestion();
        }
    }

    /** Reads one packet; never throws. */
    static InboundPacket read(byte[] packet) {
        if (packet.length < Header.LENGTH) {
            return new Drop("shorter than a DNS header");
        }
        int id = ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
        int flags = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
        if ((flags & 0x8000) != 0) {
            return new Drop("a response, not a query");
        }
        int opcode = (flags >> 11) & 0xF;
        if (opcode != Opcode.QUERY) {
            return new Reject(errorReply(id, opcode, flags, Rcode.NOTIMP));
        }
        Message m;
        try {
            m = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return new Reject(errorReply(id, opcode, flags, Rcode.FORMERR));
        }
        if (m.getHeader().getCount(Section.QUESTION) != 1 || m.getQuestion() == null) {
            return new Reject(errorReply(id, opcode, flags, Rcode.FORMERR));
        }
        List<Record> additional = m.getSection(Section.ADDITIONAL);
        OPTRecord opt = null;
        for (Record r : additional) {
            if (r.getType() == Type.OPT) {
                if (opt != null) {
                    return new Reject(errorReply(id, opcode, flags, Rcode.FORMERR));
                }
                opt = (OPTRecord) r;
            }
        }
        if (opt != null && opt.getVersion() > 0) {
            return new Reject(badVersion(m));
        }
        return new Query(m, opt);
    }

    /** Header-only reply: the query's ID, opcode and RD bit, QR set, and the given rcode. */
    private static byte[] errorReply(int id, int opcode, int queryFlags, int rcode) {
        Header h = new Header(id);
        h.setFlag(Flags.QR);
        if ((queryFlags & 0x0100) != 0) {
            h.setFlag(Flags.RD);
        }
        h.setOpcode(opcode);
        h.setRcode(rcode);
        return h.toWire();
    }

    /** RFC 6891 §6.1.3: BADVERS is rcode 16, carried as extended rcode 1 in our OPT (we speak version 0). */
    private static byte[] badVersion(Message query) {
        Message reply = new Message(query.getHeader().getID());
        Header h = reply.getHeader();
        h.setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        h.setRcode(Rcode.BADVERS & 0xF);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        reply.addRecord(new OPTRecord(ResponseWriter.EDNS_PAYLOAD, Rcode.BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
        return reply.toWire();
    }
}
