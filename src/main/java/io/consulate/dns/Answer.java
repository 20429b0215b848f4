// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The content of a reply before it is sized for its transport: an rcode, answer entries, and the authority
 * section.
 *
 * <p>Why entries and not flat sections: an answer record and the additional records that make it usable (an
 * SRV record and its target's address, for example) are kept or dropped together when a reply must shrink to
 * fit a UDP datagram. Entries are already in their final (shuffled) order; {@link ResponseWriter} keeps a
 * prefix of them.
 *
 * @param authoritative whether the AA bit is set (every answer from our own zone)
 */
record Answer(int rcode, boolean authoritative, List<Entry> entries, List<Record> authority) {

    /** One answer unit: its answer records and the additional records that belong to them. */
    record Entry(List<Record> answers, List<Record> additional) {
        Entry {
            answers = List.copyOf(answers);
            additional = List.copyOf(additional);
        }

        static Entry of(Record answer) {
            return new Entry(List.of(answer), List.of());
        }
    }

    Answer {
        entries = List.copyOf(entries);
        authority = List.copyOf(authority);
    }

    /** A positive authoritative answer. */
    static Answer of(List<Entry> entries) {
        return new Answer(Rcode.NOERROR, true, entries, List.of());
    }

    /** NXDOMAIN or NODATA (NOERROR, no answers) with the zone's SOA for negative caching (RFC 2308). */
    static Answer negative(int rcode, Record soa) {
        return new Answer(rcode, true, List.of(), List.of(soa));
    }

    /** A non-authoritative error with no records: REFUSED, SERVFAIL, NOTIMP. */
    static Answer error(int rcode) {
        return new Answer(rcode, false, List.of(), List.of());
    }
}
