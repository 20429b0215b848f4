// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The packet gate against RFC 9267's anti-patterns and other hostile input. */
class InboundPacketTest {

    private static byte[] query(String name) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        m.getHeader().setID(0x4242);
        return m.toWire();
    }

    /** Header with ID 0x4242, RD, the given counts, then the given body. */
    private static byte[] packet(int qd, int an, int ns, int ar, int... body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b : new int[] {0x42, 0x42, 0x01, 0x00, 0, qd, 0, an, 0, ns, 0, ar}) {
            out.write(b);
        }
        for (int b : body) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static Message rejected(byte[] packet) throws Exception {
        InboundPacket in = InboundPacket.read(packet);
        assertThat(in).isInstanceOf(InboundPacket.Reject.class);
        Message reply = new Message(((InboundPacket.Reject) in).wire());
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getID()).isEqualTo(0x4242);
        return reply;
    }

    @Test
    void aWellFormedQueryPassesWithItsQuestion() throws Exception {
        InboundPacket in = InboundPacket.read(query("web.service.consul."));
        assertThat(in).isInstanceOf(InboundPacket.Query.class);
        assertThat(((InboundPacket.Query) in).question().getName()).hasToString("web.service.consul.");
    }

    @Test
    void runtsAndResponsesAreDropped() throws Exception {
        assertThat(InboundPacket.read(new byte[0])).isInstanceOf(InboundPacket.Drop.class);
        assertThat(InboundPacket.read(new byte[11])).isInstanceOf(InboundPacket.Drop.class);
        byte[] response = query("a.consul.");
        response[2] |= (byte) 0x80;
        assertThat(InboundPacket.read(response)).isInstanceOf(InboundPacket.Drop.class);
    }

    @Test
    void otherOpcodesAreNotImplemented() throws Exception {
        byte[] notify = query("a.consul.");
        notify[2] = (byte) ((notify[2] & 0x87) | (Opcode.NOTIFY << 3));
        Message reply = rejected(notify);
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(reply.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    }

    @Test
    void truncatedPacketsAreFormerr() throws Exception {
        byte[] q = query("web.service.consul.");
        for (int len = 12; len < q.length; len++) {
            assertThat(rejected(Arrays.copyOf(q, len)).getRcode()).as("length %d", len).isEqualTo(Rcode.FORMERR);
        }
        assertThat(rejected(packet(0, 0, 0, 0)).getRcode()).isEqualTo(Rcode.FORMERR); // no question at all
    }

    @Test
    void compressionPointerLoopsAndForwardPointersAreFormerr() throws Exception {
        assertThat(rejected(packet(1, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1)).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(rejected(packet(1, 0, 0, 0, 0xC0, 14, 0xC0, 12, 0, 1, 0, 1)).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(rejected(packet(1, 0, 0, 0, 0xC0, 200, 0, 1, 0, 1)).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(rejected(packet(1, 0, 0, 0, 0xC0)).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void overlongLabelsAndNamesAreFormerr() throws Exception {
        int[] label64 = new int[64 + 5];
        label64[0] = 64; // 0x40: a reserved label type, not a length
        assertThat(rejected(packet(1, 0, 0, 0, label64)).getRcode()).isEqualTo(Rcode.FORMERR);
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) { // 5 x 64 bytes = 320 > 255
            name.write(63);
            name.writeBytes("a".repeat(63).getBytes());
        }
        name.write(0);
        int[] body = new int[name.size() + 4];
        byte[] nb = name.toByteArray();
        for (int i = 0; i < nb.length; i++) {
            body[i] = nb[i] & 0xFF;
        }
        body[nb.length + 1] = 1;
        body[nb.length + 3] = 1;
        assertThat(rejected(packet(1, 0, 0, 0, body)).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void countsThatDoNotMatchTheDataAreFormerr() throws Exception {
        byte[] q = query("a.consul.");
        q[5] = 2; // two questions claimed, one present
        assertThat(rejected(q).getRcode()).isEqualTo(Rcode.FORMERR);
        byte[] answers = query("a.consul.");
        answers[7] = (byte) 0xFF; // 255 answers claimed, none present
        assertThat(rejected(answers).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void twoQuestionsAreFormerr() throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString("a.consul."), Type.A, DClass.IN));
        m.addRecord(Record.newRecord(Name.fromString("b.consul."), Type.A, DClass.IN), Section.QUESTION);
        m.getHeader().setID(0x4242);
        assertThat(rejected(m.toWire()).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void rdlengthOverrunIsFormerr() throws Exception {
        byte[] q = query("a.consul.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(q);
        // one answer record: root name, type A, class IN, TTL 0, RDLENGTH 200 but only 4 bytes follow
        out.writeBytes(new byte[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, (byte) 200, 1, 2, 3, 4});
        byte[] p = out.toByteArray();
        p[7] = 1;
        assertThat(rejected(p).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void twoOptRecordsAreFormerrAndEdnsVersionOneIsBadvers() throws Exception {
        Message two = Message.newQuery(Record.newRecord(Name.fromString("a.consul."), Type.A, DClass.IN));
        two.getHeader().setID(0x4242);
        two.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        two.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        assertThat(rejected(two.toWire()).getRcode()).isEqualTo(Rcode.FORMERR);

        Message v1 = Message.newQuery(Record.newRecord(Name.fromString("a.consul."), Type.A, DClass.IN));
        v1.getHeader().setID(0x4242);
        v1.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        Message reply = rejected(v1.toWire());
        assertThat(reply.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(reply.getOPT().getVersion()).isZero();
    }
}
