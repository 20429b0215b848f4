// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** Queries through dnsjava's {@link SimpleResolver}, and raw packets over UDP and TCP for hostile input. */
final class Resolve {
    private Resolve() {}

    static Message query(int port, String name, int type, boolean tcp) throws IOException {
        return send(port, Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)), tcp);
    }

    static Message send(int port, Message query, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.setTCP(tcp);
        r.setIgnoreTruncation(true);
        r.setEDNS((org.xbill.DNS.OPTRecord) null);
        r.setTimeout(Duration.ofSeconds(3));
        return r.send(query);
    }

    /** Sends raw bytes over UDP; returns the reply's bytes, or null when none came within {@code waitMs}. */
    static byte[] rawUdp(int port, byte[] packet, int waitMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(waitMs);
            s.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                s.receive(reply);
            } catch (java.net.SocketTimeoutException e) {
                return null;
            }
            return Arrays.copyOf(buf, reply.getLength());
        }
    }

    /** Sends one length-prefixed message over TCP; returns the reply, or null when the server closed. */
    static byte[] rawTcp(int port, byte[] packet) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            byte[] framed = new byte[packet.length + 2];
            framed[0] = (byte) (packet.length >>> 8);
            framed[1] = (byte) packet.length;
            System.arraycopy(packet, 0, framed, 2, packet.length);
            s.getOutputStream().write(framed);
            byte[] len = s.getInputStream().readNBytes(2);
            if (len.length < 2) {
                return null;
            }
            return s.getInputStream().readNBytes(((len[0] & 0xFF) << 8) | (len[1] & 0xFF));
        }
    }
}
