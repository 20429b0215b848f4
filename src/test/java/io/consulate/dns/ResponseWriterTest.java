// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseWriterTest {
    private static final Name Q = Name.fromConstantString("big.service.consul.");

    private static Message request() {
        Message m = Message.newQuery(Record.newRecord(Q, Type.SRV, DClass.IN));
        m.getHeader().setID(7);
        return m;
    }

    /** n SRV entries, each with its target's A record as additional data. */
    private static Answer srvAnswer(int n) throws Exception {
        List<Answer.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Name target = Name.fromString("node-" + i + ".node.dc1.consul.");
            InetAddress ip = InetAddress.getByAddress(new byte[] {10, 9, (byte) (i >> 8), (byte) i});
            entries.add(new Answer.Entry(List.of(Records.srv(Q, 0, 1, 80, target)),
                    List.of(Records.address(target, 0, ip))));
        }
        return Answer.of(entries);
    }

    private static Message write(Answer a, ResponseWriter.Limits limits) throws Exception {
        byte[] wire = ResponseWriter.write(request(), null, a, limits, false);
        assertThat(wire.length).isLessThanOrEqualTo(limits.maxBytes());
        return new Message(wire);
    }

    @Test
    void aReplyThatFitsIsSentWholeWithoutTc() throws Exception {
        Message m = write(srvAnswer(3), new ResponseWriter.Limits(512, 0, true));
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(m.getHeader().getID()).isEqualTo(7);
        assertThat(m.getSection(Section.ANSWER)).hasSize(3);
        assertThat(m.getSection(Section.ADDITIONAL)).hasSize(3);
    }

    @Test
    void aReplyTooBigKeepsAPrefixWithItsAdditionalDataAndSetsTc() throws Exception {
        Message m = write(srvAnswer(50), new ResponseWriter.Limits(512, 0, true));
        assertThat(m.getHeader().getFlag(Flags.TC)).isTrue();
        int kept = m.getSection(Section.ANSWER).size();
        assertThat(kept).isBetween(1, 49);
        assertThat(m.getSection(Section.ADDITIONAL)).hasSize(kept);
        // the next entry would not have fitted: the prefix is as long as possible
        Answer oneMore = new Answer(Rcode.NOERROR, true, srvAnswer(50).entries().subList(0, kept + 1), List.of());
        assertThat(ResponseWriter.write(request(), null, oneMore, ResponseWriter.Limits.tcp(), false).length)
                .isGreaterThan(512);
    }

    @Test
    void theEntryLimitSetsTcOnlyWhenAskedTo() throws Exception {
        Message signalled = write(srvAnswer(5), new ResponseWriter.Limits(512, 2, true));
        assertThat(signalled.getSection(Section.ANSWER)).hasSize(2);
        assertThat(signalled.getHeader().getFlag(Flags.TC)).isTrue();
        Message quiet = write(srvAnswer(5), new ResponseWriter.Limits(512, 2, false));
        assertThat(quiet.getSection(Section.ANSWER)).hasSize(2);
        assertThat(quiet.getHeader().getFlag(Flags.TC)).isFalse();
    }

    @Test
    void tenThousandRecordsAreCutAt64KiloBytesOverTcpWithTc() throws Exception {
        Message m = write(srvAnswer(10_000), ResponseWriter.Limits.tcp());
        assertThat(m.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(m.getSection(Section.ANSWER).size()).isBetween(500, 9_999);
    }

    @Test
    void anEntryTooBigEvenAloneLosesItsAdditionalDataAndThenItself() throws Exception {
        Name owner = Name.fromString("n.node.consul.");
        Record huge = Records.txt(owner, 0, "x".repeat(600));
        Answer withExtra = Answer.of(List.of(new Answer.Entry(List.of(Records.srv(Q, 0, 1, 80, owner)), List.of(huge))));
        Message m = write(withExtra, new ResponseWriter.Limits(512, 0, true));
        assertThat(m.getSection(Section.ANSWER)).hasSize(1);
        assertThat(m.getSection(Section.ADDITIONAL)).isEmpty();
        assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();

        Message none = write(Answer.of(List.of(Answer.Entry.of(huge))), new ResponseWriter.Limits(512, 0, true));
        assertThat(none.getSection(Section.ANSWER)).isEmpty();
        assertThat(none.getHeader().getFlag(Flags.TC)).isTrue();
    }

    @Test
    void sharedAdditionalRecordsAreWrittenOnce() throws Exception {
        Name target = Name.fromString("n.node.dc1.consul.");
        Record a = Records.address(target, 0, InetAddress.getByName("10.0.0.1"));
        Answer two = Answer.of(List.of(new Answer.Entry(List.of(Records.srv(Q, 0, 1, 80, target)), List.of(a)),
                new Answer.Entry(List.of(Records.srv(Q, 0, 1, 81, target)), List.of(a))));
        assertThat(write(two, ResponseWriter.Limits.tcp()).getSection(Section.ADDITIONAL)).hasSize(1);
    }

    @Test
    void udpLimitsFollowEdns() {
        DnsConfig cfg = DnsFixture.config(java.util.Map.of(), List.of(), null);
        assertThat(ResponseWriter.Limits.udp(null, cfg)).isEqualTo(new ResponseWriter.Limits(512, 3, true));
        assertThat(ResponseWriter.Limits.udp(new org.xbill.DNS.OPTRecord(100, 0, 0), cfg).maxBytes()).isEqualTo(512);
        assertThat(ResponseWriter.Limits.udp(new org.xbill.DNS.OPTRecord(1232, 0, 0), cfg))
                .isEqualTo(new ResponseWriter.Limits(1232, 0, true));
    }
}
