package dev.notify.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-typed SMTP conversation over a plain socket, for checking a server's replies one command at a time or
 * a pipelined group at once.
 */
final class SmtpDialogue implements AutoCloseable {

    /** How long a read may wait before the server counts as hanging. */
    static final Duration HANG = Duration.ofSeconds(30);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] unread = new byte[0];

    SmtpDialogue(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /**
     * A conversation over a connected socket, TLS from the first byte when it is an SSL socket. A read that waits
     * longer than {@link #HANG} fails, so that a server that never answers fails a test instead of hanging it.
     */
    SmtpDialogue(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) HANG.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A conversation with a running fixture, past its greeting and EHLO. */
    static SmtpDialogue afterEhlo(SmtpServerExtension smtp) throws IOException {
        return afterEhlo(smtp.host(), smtp.port());
    }

    /** A conversation with a server on loopback, past its greeting and EHLO. */
    static SmtpDialogue afterEhlo(String host, int port) throws IOException {
        SmtpDialogue dialogue = new SmtpDialogue(host, port);
        dialogue.reply();
        dialogue.send("EHLO client.test");
        return dialogue;
    }

    /** The keywords a fixture offers in its EHLO reply: the reply's lines after the first, without their code. */
    static List<String> ehloKeywords(SmtpServerExtension smtp) throws IOException {
        try (SmtpDialogue dialogue = new SmtpDialogue(smtp.host(), smtp.port())) {
            dialogue.reply();
            List<String> lines = dialogue.send("EHLO client.test").lines().map(line -> line.substring(4)).toList();
            return lines.subList(1, lines.size());
        }
    }

    /** MAIL FROM the app, then RCPT TO each recipient; the replies to the RCPTs. */
    List<String> mailTo(String... recipients) throws IOException {
        send("MAIL FROM:<app@notify.example>");
        List<String> replies = new ArrayList<>();
        for (String r : recipients) {
            replies.add(send("RCPT TO:<" + r + ">"));
        }
        return replies;
    }

    /** DATA, the lines as given and the final dot; the reply to the dot. */
    String content(String... lines) throws IOException {
        send("DATA");
        for (String line : lines) {
            write(line);
        }
        return send(".");
    }

    /** The next reply, its lines joined with {@code \n}; null when the server closed or reset the connection. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        while ((line = line()) != null) {
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
        return reply.length() == 0 ? null : reply.toString();
    }

    /** The next {@code count} replies; fewer when the server closes the connection. */
    List<String> replies(int count) throws IOException {
        List<String> replies = new ArrayList<>();
        String reply;
        while (replies.size() < count && (reply = reply()) != null) {
            replies.add(reply);
        }
        return replies;
    }

    /** Sends one line and returns the reply to it. */
    String send(String line) throws IOException {
        write(line);
        return reply();
    }

    /** Sends one line without waiting for a reply. */
    void write(String line) throws IOException {
        pipeline(line);
    }

    /** Sends the lines in one write, without waiting for replies. */
    void pipeline(String... lines) throws IOException {
        writeBytes(lines(lines));
    }

    /** The lines, each ended by CRLF. */
    static byte[] lines(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code BDAT <size> [LAST]} and the chunk's octets in one write, without waiting for the reply. */
    void bdat(String chunk, boolean last) throws IOException {
        byte[] octets = chunk.getBytes(StandardCharsets.UTF_8);
        writeBytes(bdatBytes(octets, last));
    }

    /** {@code BDAT <size> [LAST]} with the chunk's octets after it. */
    static byte[] bdatBytes(byte[] octets, boolean last) {
        byte[] command = ("BDAT " + octets.length + (last ? " LAST" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(command, command.length + octets.length);
        System.arraycopy(octets, 0, bytes, command.length, octets.length);
        return bytes;
    }

    /** Sends the parts, as they are, in one write. */
    void writeBytes(byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    /**
     * The text of the next read from the socket, which is all the server wrote in one write when that is small;
     * only when every byte read so far has been taken. Null at the end of the stream.
     */
    String nextRead() throws IOException {
        if (unread.length > 0) {
            throw new IllegalStateException("bytes of an earlier read are still unread: " + text(unread));
        }
        if (!read()) {
            return null;
        }
        String text = text(unread);
        unread = new byte[0];
        return text;
    }

    private String line() throws IOException {
        while (true) {
            for (int i = 0; i < unread.length; i++) {
                if (unread[i] == '\n') {
                    String line = new String(unread, 0, i > 0 && unread[i - 1] == '\r' ? i - 1 : i,
                            StandardCharsets.UTF_8);
                    unread = Arrays.copyOfRange(unread, i + 1, unread.length);
                    return line;
                }
            }
            if (!read()) {
                return null;
            }
        }
    }

    /** Appends one read's bytes to the unread ones; false at the end of the stream or when the peer reset it. */
    private boolean read() throws IOException {
        byte[] buffer = new byte[65536];
        int n;
        try {
            n = in.read(buffer);
        } catch (SocketException e) {
            return false;
        }
        if (n <= 0) {
            return false;
        }
        byte[] more = Arrays.copyOf(unread, unread.length + n);
        System.arraycopy(buffer, 0, more, unread.length, n);
        unread = more;
        return true;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
