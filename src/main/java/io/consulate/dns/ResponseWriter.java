// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns an {@link Answer} into wire bytes that fit the transport, and never cuts silently.
 *
 * <p>A reply that fits is sent whole. Otherwise the authority section goes first, then answer entries are
 * dropped from the end (they are already shuffled, so the kept prefix is a random subset) until the reply
 * fits, found by binary search; an answer entry leaves together with its additional records. Whenever an
 * answer entry is dropped the TC bit is set, so the client knows to retry over TCP, where the limit is
 * 65535 bytes. Over UDP the limit is 512 bytes, or the EDNS0 payload size the client advertised. For clients
 * without EDNS, {@code udp_answer_limit} also caps the number of entries (TC per {@code enable_truncate}).
 *
 * <p>Unlike dnsjava's own {@code toWire(max)}, which drops whole RRsets (so a large service would come back
 * with no addresses at all), this keeps as many records as fit, as Consul does.
 */
final class ResponseWriter {
    /** The UDP payload size we advertise in our OPT record: what we read per datagram. */
    static final int EDNS_PAYLOAD = 4096;
    static final int MAX_TCP = 65535;
    private static final int MIN_UDP = 512;
    private static final int MAX_UDP = 65507;

    private ResponseWriter() {}

    /**
     * How large one reply may be.
     *
     * @param maxBytes             wire size limit
     * @param maxEntries           most answer entries, 0 for no count limit
     * @param truncateOnEntryLimit whether dropping entries to honour {@code maxEntries} sets TC
     */
    record Limits(int maxBytes, int maxEntries, boolean truncateOnEntryLimit) {
        static Limits tcp() {
            return new Limits(MAX_TCP, 0, false);
        }

        /** 512 bytes and {@code udp_answer_limit} without EDNS; the client's payload size with it. */
        static Limits udp(OPTRecord opt, DnsConfig cfg) {
            int size = opt == null ? MIN_UDP : Math.max(MIN_UDP, Math.min(opt.getPayloadSize(), MAX_UDP));
            boolean small = size <= MIN_UDP;
            return new Limits(size, small ? cfg.udpAnswerLimit() : 0, cfg.enableTruncate());
        }
    }

    /** The reply to {@code request}, sized to {@code limits}. */
    static byte[] write(Message request, OPTRecord requestOpt, Answer answer, Limits limits,
            boolean recursionAvailable) {
        Shape shape = new Shape(request, requestOpt, answer, recursionAvailable);
        int n = answer.entries().size();
        int k = n;
        boolean tc = false;
        if (limits.maxEntries() > 0 && n > limits.maxEntries()) {
            k = limits.maxEntries();
            tc = limits.truncateOnEntryLimit();
        }
        byte[] wire = shape.wire(k, true, true, tc);
        if (wire.length <= limits.maxBytes()) {
            return wire;
        }
        wire = shape.wire(k, false, true, tc);
        if (wire.length <= limits.maxBytes()) {
            return wire;
        }
        int lo = 0;
        int hi = k - 1; // k entries do not fit
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (shape.wire(mid, false, true, true).length <= limits.maxBytes()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo > 0) {
            return shape.wire(lo, false, true, true);
        }
        // Not even one entry with its additional records fits: try the first answer alone.
        wire = shape.wire(1, false, false, tc || k > 1);
        return wire.length <= limits.maxBytes() ? wire : shape.wire(0, false, false, true);
    }

    /** The fixed parts of one reply; {@link #wire} renders it with a given number of entries. */
    private record Shape(Message request, OPTRecord requestOpt, Answer answer, boolean recursionAvailable) {

        byte[] wire(int entries, boolean withAuthority, boolean withAdditional, boolean truncated) {
            Header q = request.getHeader();
            Message m = new Message(q.getID());
            Header h = m.getHeader();
            h.setFlag(Flags.QR);
            h.setOpcode(q.getOpcode());
            h.setRcode(answer.rcode());
            copyFlag(q, h, Flags.RD);
            copyFlag(q, h, Flags.CD);
            if (answer.authoritative()) {
                h.setFlag(Flags.AA);
            }
            if (recursionAvailable) {
                h.setFlag(Flags.RA);
            }
            if (truncated) {
                h.setFlag(Flags.TC);
            }
            m.addRecord(request.getQuestion(), Section.QUESTION);
            Set<Record> additional = new LinkedHashSet<>();
            List<Answer.Entry> all = answer.entries();
            for (int i = 0; i < entries && i < all.size(); i++) {
                all.get(i).answers().forEach(r -> m.addRecord(r, Section.ANSWER));
                if (withAdditional) {
                    additional.addAll(all.get(i).additional());
                }
            }
            if (withAuthority) {
                answer.authority().forEach(r -> m.addRecord(r, Section.AUTHORITY));
            }
            additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
            if (requestOpt != null) {
                m.addRecord(opt(requestOpt), Section.ADDITIONAL);
            }
            return m.toWire();
        }

        private static void copyFlag(Header from, Header to, int flag) {
            if (from.getFlag(flag)) {
                to.setFlag(flag);
            }
        }
    }

    /** Our OPT record; a client-subnet option is echoed with scope 0, since answers never depend on it. */
    static OPTRecord opt(OPTRecord requestOpt) {
        List<EDNSOption> ecs = requestOpt.getOptions(EDNSOption.Code.CLIENT_SUBNET);
        if (!ecs.isEmpty() && ecs.get(0) instanceof ClientSubnetOption s) {
            try {
                return new OPTRecord(EDNS_PAYLOAD, 0, 0, 0,
                        new ClientSubnetOption(s.getSourcePrefixLength(), 0, s.getAddress()));
            } catch (IllegalArgumentException e) {
                // an option we cannot echo faithfully is left out
            }
        }
        return new OPTRecord(EDNS_PAYLOAD, 0, 0, 0);
    }
}
