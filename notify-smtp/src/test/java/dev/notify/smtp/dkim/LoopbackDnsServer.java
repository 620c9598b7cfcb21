package dev.notify.smtp.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS server on a free loopback UDP port that answers TXT queries from a fixed table, each record given as its
 * character-strings (at most 255 bytes each, RFC 1035 3.3.14), and NXDOMAIN for other names; or, made {@link
 * #silent()}, never answers. Enough for the JDK's JNDI DNS client.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<List<String>>> records;
    private final Thread thread;

    private LoopbackDnsServer(Map<String, List<List<String>>> records, boolean answer) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.records = records;
        thread = new Thread(answer ? this::serve : this::ignore, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers TXT queries for these names (lower case, no final dot) with these records. */
    public static LoopbackDnsServer answering(Map<String, List<List<String>>> records) {
        return new LoopbackDnsServer(Map.copyOf(records), true);
    }

    /** Receives queries and never answers, like a name server behind a dropped route. */
    public static LoopbackDnsServer silent() {
        return new LoopbackDnsServer(Map.of(), false);
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private void ignore() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] reply = reply(buffer, query.getLength());
                socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private byte[] reply(byte[] q, int length) {
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (q[pos] != 0) {
            int label = q[pos++] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, pos, label, StandardCharsets.US_ASCII));
            pos += label;
        }
        int questionEnd = pos + 5;
        List<List<String>> answers = records.get(name.toString().toLowerCase(Locale.ROOT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x81);
        out.write(answers == null ? 0x83 : 0x80);
        writeShort(out, 1);
        writeShort(out, answers == null ? 0 : answers.size());
        writeShort(out, 0);
        writeShort(out, 0);
        out.write(q, 12, questionEnd - 12);
        for (List<String> strings : answers == null ? List.<List<String>>of() : answers) {
            ByteArrayOutputStream rdata = new ByteArrayOutputStream();
            for (String s : strings) {
                byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
                rdata.write(bytes.length);
                rdata.writeBytes(bytes);
            }
            writeShort(out, 0xc00c);
            writeShort(out, 16);
            writeShort(out, 1);
            writeShort(out, 0);
            writeShort(out, 60);
            writeShort(out, rdata.size());
            out.writeBytes(rdata.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v & 0xff);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
