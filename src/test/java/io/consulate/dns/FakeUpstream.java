// SPDX-License-Identifier: Apache-2.0
package io.consulate.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny upstream resolver on loopback, built on dnsjava, for recursor tests: UDP and TCP on one port.
 * {@code missing.example.} is NXDOMAIN, {@code big.example.} has 100 addresses (truncated over UDP without
 * EDNS), and every other name has one address {@code 192.0.2.<marker>}. It can also fail or stay silent.
 */
final class FakeUpstream implements AutoCloseable {
    enum Mode { ANSWER, SERVFAIL, SILENT }

    final AtomicInteger udpQueries = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();
    private final int marker;
    private final Mode mode;
    private final DatagramSocket udp;
    private final ServerSocket tcp;

    FakeUpstream(int marker, Mode mode) throws IOException {
        this.marker = marker;
        this.mode = mode;
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; t == null; attempt++) {
            u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                t = new ServerSocket(u.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                u.close();
                if (attempt == 10) {
                    throw e;
                }
            }
        }
        this.udp = u;
        this.tcp = t;
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    int queries() {
        return udpQueries.get() + tcpQueries.get();
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                udpQueries.incrementAndGet();
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Message r = reply(q);
                if (r != null) {
                    int max = q.getOPT() == null ? 512 : q.getOPT().getPayloadSize();
                    byte[] out = r.toWire(max);
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed or a bad packet: keep serving until closed
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().start(() -> serveConnection(s));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                tcpQueries.incrementAndGet();
                Message r = reply(new Message(query));
                if (r == null) {
                    continue;
                }
                byte[] wire = r.toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            }
        } catch (IOException e) {
            // connection over
        }
    }

    private Message reply(Message q) throws IOException {
        if (mode == Mode.SILENT) {
            return null;
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        String name = q.getQuestion().getName().toString().toLowerCase();
        if (mode == Mode.SERVFAIL) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (name.equals("missing.example.")) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            int count = name.equals("big.example.") ? 100 : 1;
            for (int i = 1; i <= count; i++) {
                byte[] ip = {(byte) 192, 0, 2, (byte) (count == 1 ? marker : i)};
                Record a = new ARecord(q.getQuestion().getName(), DClass.IN, 300, InetAddress.getByAddress(ip));
                r.addRecord(a, Section.ANSWER);
            }
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
