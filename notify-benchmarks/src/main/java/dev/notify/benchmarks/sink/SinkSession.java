package dev.notify.benchmarks.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP connection of the sink, on its own thread. Replies are buffered and flushed only when no more
 * pipelined input is waiting, so a pipelined group of commands costs one round trip; the configured reply delay
 * is added once per flush, as a network round trip would be. A BDAT chunk is read whole before its reply, and
 * replies are never flushed in the middle of a chunk.
 */
final class SinkSession implements Runnable {

    private static final int MAX_SIZE = 10 * 1024 * 1024;

    private final Socket plain;
    private final SSLContext tls;
    private final SinkStats stats;
    private final boolean chunking;
    private final String username;
    private final String password;
    private Socket socket;
    private LineReader in;
    private OutputStream out;
    private boolean pending;
    private boolean secure;
    private boolean greeted;
    private boolean authenticated;
    private boolean mailFrom;
    private int recipients;
    /** The message that BDAT chunks are building, or null. */
    private MessageScanner chunked;

    SinkSession(Socket socket, SSLContext tls, SinkStats stats, boolean chunking, String username, String password) {
        this.plain = socket;
        this.tls = tls;
        this.stats = stats;
        this.chunking = chunking;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run() {
        stats.connections.incrementAndGet();
        try (Socket s = plain) {
            s.setTcpNoDelay(true);
            use(s);
            reply("220 localhost ESMTP notify benchmark sink");
            String line;
            while ((line = readLine()) != null) {
                stats.commands.incrementAndGet();
                if (!command(line)) {
                    break;
                }
            }
            flush();
        } catch (IOException e) {
            // The client went away; nothing to count.
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new LineReader(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    }

    /** Handles one command; false to close the connection. */
    private boolean command(String line) throws IOException {
        String upper = line.toUpperCase(Locale.ROOT);
        String verb = upper.length() >= 4 ? upper.substring(0, 4) : upper;
        switch (verb) {
            case "EHLO" -> ehlo();
            case "HELO" -> {
                greeted = true;
                reply("250 localhost");
            }
            case "STAR" -> startTls();
            case "AUTH" -> auth(line);
            case "MAIL" -> mail(upper);
            case "RCPT" -> rcpt();
            case "DATA" -> data();
            case "BDAT" -> {
                if (chunking) {
                    bdat(upper);
                } else {
                    reply("502 5.5.2 Command not implemented");
                }
            }
            case "RSET" -> {
                resetTransaction();
                reply("250 2.0.0 OK");
            }
            case "NOOP" -> reply("250 2.0.0 OK");
            case "QUIT" -> {
                reply("221 2.0.0 Bye");
                return false;
            }
            default -> reply("502 5.5.2 Command not implemented");
        }
        return true;
    }

    private void ehlo() throws IOException {
        greeted = true;
        resetTransaction();
        StringBuilder b = new StringBuilder("250-localhost\r\n250-PIPELINING\r\n");
        if (chunking) {
            b.append("250-CHUNKING\r\n");
        }
        b.append("250-SIZE ").append(MAX_SIZE).append("\r\n250-8BITMIME\r\n");
        if (!secure) {
            b.append("250-STARTTLS\r\n");
        } else {
            b.append("250-AUTH PLAIN LOGIN\r\n");
        }
        b.append("250 ENHANCEDSTATUSCODES");
        reply(b.toString());
    }

    private void startTls() throws IOException {
        if (secure) {
            reply("503 5.5.1 TLS already active");
            return;
        }
        reply("220 2.0.0 Ready to start TLS");
        flush();
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(),
                socket.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        stats.tlsHandshakes.incrementAndGet();
        use(s);
        secure = true;
        greeted = false;
        resetTransaction();
    }

    private void auth(String line) throws IOException {
        String[] parts = line.trim().split("\\s+");
        if (!secure) {
            reply("538 5.7.11 Encryption required for requested authentication mechanism");
            return;
        }
        if (authenticated || parts.length < 2) {
            reply("503 5.5.1 Bad sequence of commands");
            return;
        }
        String mechanism = parts[1].toUpperCase(Locale.ROOT);
        String user;
        String pass;
        if (mechanism.equals("PLAIN")) {
            String initial = parts.length > 2 ? parts[2] : challenge("334 ");
            String[] fields = decode(initial).split("\0", -1);
            if (fields.length != 3) {
                reply("501 5.5.2 Malformed PLAIN response");
                return;
            }
            user = fields[1];
            pass = fields[2];
        } else if (mechanism.equals("LOGIN")) {
            user = decode(parts.length > 2 ? parts[2] : challenge("334 VXNlcm5hbWU6"));
            pass = decode(challenge("334 UGFzc3dvcmQ6"));
        } else {
            reply("504 5.5.4 Unrecognized authentication type");
            return;
        }
        if (user.equals(username) && pass.equals(password)) {
            authenticated = true;
            stats.auths.incrementAndGet();
            reply("235 2.7.0 Authentication successful");
        } else {
            reply("535 5.7.8 Authentication credentials invalid");
        }
    }

    private String challenge(String prompt) throws IOException {
        reply(prompt);
        String answer = readLine();
        if (answer == null) {
            throw new IOException("closed during AUTH");
        }
        return answer.trim();
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void mail(String upper) throws IOException {
        if (!greeted) {
            reply("503 5.5.1 EHLO first");
        } else if (mailFrom) {
            reply("503 5.5.1 Nested MAIL command");
        } else if (!upper.startsWith("MAIL FROM:")) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        } else {
            mailFrom = true;
            reply("250 2.1.0 Sender OK");
        }
    }

    private void rcpt() throws IOException {
        if (!mailFrom) {
            reply("503 5.5.1 MAIL first");
        } else {
            recipients++;
            reply("250 2.1.5 Recipient OK");
        }
    }

    private void data() throws IOException {
        if (chunked != null) {
            reply("503 5.5.1 BDAT in progress: DATA cannot follow it");
            return;
        }
        if (!mailFrom || recipients == 0) {
            reply("503 5.5.1 RCPT first");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        MessageScanner message = new MessageScanner();
        String line;
        while ((line = readLine()) != null) {
            if (line.equals(".")) {
                resetTransaction();
                stats.accepted(message.size(), message.sequence());
                reply("250 2.0.0 OK queued");
                return;
            }
            message.line(line);
        }
        throw new IOException("closed during DATA");
    }

    /**
     * {@code BDAT <size> [LAST]} (RFC 3030): reads the chunk's octets whatever the answer, so that the connection
     * stays in step; a refused chunk ends the transaction.
     */
    private void bdat(String upper) throws IOException {
        String[] parts = upper.trim().split(" +");
        boolean shaped = parts[0].equals("BDAT") && (parts.length == 2 || parts.length == 3);
        long size = shaped ? octetCount(parts[1]) : -1;
        boolean last = parts.length == 3 && parts[2].equals("LAST");
        if (size < 0 || (parts.length == 3 && !last)) {
            reply("501 5.5.4 Syntax: BDAT <size> [LAST]");
            return;
        }
        String refusal = refusal(size);
        if (refusal != null) {
            readChunk(size, (bytes, offset, length) -> { });
            resetTransaction();
            reply(refusal);
            return;
        }
        if (chunked == null) {
            chunked = new MessageScanner();
        }
        readChunk(size, chunked::octets);
        if (last) {
            stats.accepted(chunked.size(), chunked.sequence());
            resetTransaction();
        }
        reply("250 2.0.0 OK " + size + " octets");
    }

    /** Why a chunk of {@code size} octets cannot be taken now, as a reply; null if it can. */
    private String refusal(long size) {
        if (!mailFrom) {
            return "503 5.5.1 MAIL first";
        }
        if (recipients == 0) {
            return "554 5.5.1 No valid recipients";
        }
        if ((chunked == null ? 0 : chunked.size()) + size > MAX_SIZE) {
            return "552 5.3.4 Message size exceeds fixed maximum message size";
        }
        return null;
    }

    /** The chunk size of a BDAT command, or -1 if it is not a number of octets. */
    private static long octetCount(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    private void readChunk(long size, LineReader.Octets octets) throws IOException {
        if (!in.readOctets(size, octets)) {
            throw new IOException("closed during BDAT");
        }
    }

    private void resetTransaction() {
        mailFrom = false;
        recipients = 0;
        chunked = null;
    }

    private void reply(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        pending = true;
    }

    private void flush() throws IOException {
        if (!pending) {
            return;
        }
        long delay = stats.replyDelayNanos;
        if (delay > 0) {
            long until = System.nanoTime() + delay;
            long left;
            while ((left = until - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
        }
        stats.flushes.incrementAndGet();
        out.flush();
        pending = false;
    }

    /** A line without its CRLF, or null at the end of input; flushes replies before it would block. */
    private String readLine() throws IOException {
        if (!in.ready()) {
            flush();
        }
        return in.readLine();
    }
}
