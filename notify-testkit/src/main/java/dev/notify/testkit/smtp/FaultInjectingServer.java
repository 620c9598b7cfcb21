package dev.notify.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The test kit's own SMTP server, for faults GreenMail and SubEthaSMTP cannot inject: a thread per connection on
 * a loopback {@link ServerSocket}, speaking EHLO/HELO, STARTTLS, AUTH (PLAIN, LOGIN, XOAUTH2), MAIL, RCPT, DATA
 * with dot-unstuffing, RSET, NOOP and QUIT, and recording accepted mail into the {@link Inbox} like the others.
 * It behaves as the server it stands in for: STARTTLS mode requires TLS, and AUTH when there is a user, before
 * MAIL; plain and SMTPS offer AUTH but do not require it.
 */
final class FaultInjectingServer implements TestSmtpServer {

    private static final String HOST = "localhost";
    private static final int MAX_LINE = 1 << 20;

    private final TlsMode tls;
    private final SSLContext sslContext;
    private final Inbox inbox;
    private final String user;
    private final String password;
    private final FaultPlan faults;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private ServerSocket serverSocket;
    private Thread acceptor;

    FaultInjectingServer(TlsMode tls, SSLContext sslContext, Inbox inbox, String user, String password,
            FaultPlan faults) {
        this.tls = tls;
        this.sslContext = sslContext;
        this.inbox = inbox;
        this.user = user;
        this.password = password;
        this.faults = faults;
    }

    @Override
    public synchronized int start() {
        try {
            serverSocket = tls == TlsMode.IMPLICIT
                    ? sslContext.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the SMTP server", e);
        }
        int port = serverSocket.getLocalPort();
        acceptor = new Thread(() -> acceptLoop(serverSocket), "notify-testkit-smtp-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return port;
    }

    @Override
    public synchronized void stop() {
        if (serverSocket == null) {
            return;
        }
        closeQuietly(serverSocket);
        open.forEach(FaultInjectingServer::closeQuietly);
        sessions.forEach(Thread::interrupt);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverSocket = null;
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                return;
            }
            inbox.connectionOpened();
            open.add(socket);
            Thread session = new Thread(() -> serve(socket),
                    "notify-testkit-smtp-session-" + sessionCount.incrementAndGet());
            session.setDaemon(true);
            sessions.add(session);
            session.start();
        }
    }

    private void serve(Socket socket) {
        Session session = null;
        try {
            session = new Session(socket);
            session.run();
        } catch (IOException e) {
            // The client went away, or the server is stopping.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (session != null) {
                session.close();
            }
            open.remove(socket);
            closeQuietly(socket);
            sessions.remove(Thread.currentThread());
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** One SMTP connection, from the greeting to QUIT. Used by its own thread only. */
    private final class Session {

        private Socket socket;
        private LineReader in;
        private OutputStream out;
        private boolean tlsActive;
        private boolean authenticated;
        private boolean inTransaction;
        private final List<String> recipients = new ArrayList<>();

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new LineReader(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.tlsActive = tls == TlsMode.IMPLICIT;
        }

        void run() throws IOException, InterruptedException {
            int greeting = answer(faults.take(SmtpFault.Point.GREETING), "220 " + HOST + " ESMTP notify test kit");
            if (greeting < 0) {
                return;
            }
            if (greeting >= 300) {
                refuseEverythingButQuit();
                return;
            }
            byte[] line;
            while ((line = in.readLine(MAX_LINE)) != null) {
                String command = new String(line, StandardCharsets.UTF_8);
                int space = command.indexOf(' ');
                String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
                String argument = space < 0 ? "" : command.substring(space + 1).strip();
                if (!dispatch(verb, argument)) {
                    return;
                }
            }
        }

        /** Handles one command; false when the connection is over. */
        private boolean dispatch(String verb, String argument) throws IOException, InterruptedException {
            return switch (verb) {
                case "EHLO" -> {
                    endTransaction();
                    yield answer(faults.take(SmtpFault.Point.EHLO), ehloReply()) >= 0;
                }
                case "HELO" -> {
                    endTransaction();
                    yield answer(faults.take(SmtpFault.Point.EHLO), "250 " + HOST) >= 0;
                }
                case "STARTTLS" -> startTls();
                case "AUTH" -> authenticate(argument);
                case "MAIL" -> mail(argument);
                case "RCPT" -> rcpt(argument);
                case "DATA" -> data();
                case "RSET" -> {
                    endTransaction();
                    yield reply("250 2.0.0 Ok");
                }
                case "NOOP" -> reply("250 2.0.0 Ok");
                case "QUIT" -> {
                    reply("221 2.0.0 Bye");
                    yield false;
                }
                default -> reply("500 5.5.2 Command not recognized");
            };
        }

        private String ehloReply() {
            List<String> lines = new ArrayList<>(List.of(HOST, "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
            if (tls == TlsMode.STARTTLS && !tlsActive) {
                lines.add("STARTTLS");
            }
            if (user != null && (tls != TlsMode.STARTTLS || tlsActive)) {
                lines.add("AUTH PLAIN LOGIN XOAUTH2");
            }
            return multiline(250, lines);
        }

        private boolean startTls() throws IOException {
            if (tls != TlsMode.STARTTLS || tlsActive) {
                return reply("503 5.5.1 TLS not available");
            }
            if (in.buffered() > 0) {
                return reply("501 5.5.4 Data after STARTTLS");
            }
            reply("220 2.0.0 Ready to start TLS");
            SSLSocket layered = (SSLSocket) sslContext.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            layered.setUseClientMode(false);
            layered.startHandshake();
            open.add(layered);
            socket = layered;
            in = new LineReader(layered.getInputStream());
            out = layered.getOutputStream();
            tlsActive = true;
            authenticated = false;
            endTransaction();
            return true;
        }

        private boolean authenticate(String argument) throws IOException {
            if (user == null) {
                return reply("503 5.5.1 AUTH not offered");
            }
            if (authenticated) {
                return reply("503 5.5.1 Already authenticated");
            }
            String[] parts = argument.split(" ", 2);
            String mechanism = parts[0].toUpperCase(Locale.ROOT);
            String initial = parts.length > 1 ? parts[1].strip() : null;
            String[] credentials;
            try {
                credentials = switch (mechanism) {
                    case "PLAIN" -> plain(initial != null ? initial : challenge(""));
                    case "LOGIN" -> new String[] {
                        decode(initial != null ? initial : challenge("VXNlcm5hbWU6")),
                        decode(challenge("UGFzc3dvcmQ6"))};
                    case "XOAUTH2" -> xoauth2(initial != null ? initial : challenge(""));
                    default -> null;
                };
            } catch (IllegalArgumentException e) {
                return reply("501 5.5.2 Cannot decode the response");
            }
            if (credentials == null) {
                return reply("504 5.5.4 Unrecognized authentication type");
            }
            authenticated = user.equals(credentials[0]) && Objects.equals(password, credentials[1]);
            return reply(authenticated ? "235 2.7.0 Authentication successful"
                    : "535 5.7.8 Authentication credentials invalid");
        }

        private String challenge(String prompt) throws IOException {
            reply("334 " + prompt);
            byte[] response = in.readLine(MAX_LINE);
            if (response == null) {
                throw new IOException("the client closed the connection during AUTH");
            }
            String text = new String(response, StandardCharsets.US_ASCII);
            if (text.equals("*")) {
                throw new IllegalArgumentException("AUTH cancelled");
            }
            return text;
        }

        private String[] plain(String base64) {
            String[] fields = decode(base64).split("\0", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException("PLAIN needs three fields");
            }
            return new String[] {fields[1], fields[2]};
        }

        private String[] xoauth2(String base64) {
            String name = null;
            String token = null;
            for (String field : decode(base64).split("\u0001")) {
                if (field.startsWith("user=")) {
                    name = field.substring(5);
                } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                    token = field.substring(12);
                }
            }
            return new String[] {name, token};
        }

        private String decode(String base64) {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }

        private boolean mail(String argument) throws IOException, InterruptedException {
            if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
                return reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            }
            if (tls == TlsMode.STARTTLS && !tlsActive) {
                return reply("530 5.7.0 Must issue a STARTTLS command first");
            }
            if (tls == TlsMode.STARTTLS && user != null && !authenticated) {
                return reply("530 5.7.0 Authentication required");
            }
            if (inTransaction) {
                return reply("503 5.5.1 Sender already given");
            }
            int code = answer(faults.take(SmtpFault.Point.MAIL), "250 2.1.0 Ok");
            inTransaction = code >= 200 && code < 300;
            return code >= 0;
        }

        private boolean rcpt(String argument) throws IOException, InterruptedException {
            if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
                return reply("501 5.5.4 Syntax: RCPT TO:<address>");
            }
            if (!inTransaction) {
                return reply("503 5.5.1 Need MAIL before RCPT");
            }
            String address = address(argument.substring(3));
            int code = answer(faults.take(SmtpFault.Point.RCPT, address, recipients.size()), "250 2.1.5 Ok");
            if (code >= 200 && code < 300) {
                recipients.add(address);
            }
            return code >= 0;
        }

        private boolean data() throws IOException, InterruptedException {
            if (!inTransaction) {
                return reply("503 5.5.1 Need MAIL before DATA");
            }
            if (recipients.isEmpty()) {
                return reply("554 5.5.1 No valid recipients");
            }
            int code = answer(faults.take(SmtpFault.Point.DATA), "354 End data with <CR><LF>.<CR><LF>");
            if (code != 354) {
                if (code >= 0) {
                    endTransaction();
                }
                return code >= 0;
            }
            byte[] content = readContent();
            if (content == null) {
                return false;
            }
            List<String> accepted = List.copyOf(recipients);
            endTransaction();
            String reply = replyFor(faults.take(SmtpFault.Point.END_OF_DATA), "250 2.0.0 Ok: queued");
            if (reply == null) {
                return false;
            }
            if (reply.startsWith("2")) {
                inbox.add(content, accepted);
            }
            return reply(reply);
        }

        /** The message content up to the line with a single dot, dot-unstuffed, without the last line break. */
        private byte[] readContent() throws IOException {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] line;
            boolean first = true;
            while ((line = in.readLine(MAX_LINE)) != null) {
                if (line.length == 1 && line[0] == '.') {
                    return content.toByteArray();
                }
                if (!first) {
                    content.write('\r');
                    content.write('\n');
                }
                first = false;
                int from = line.length > 0 && line[0] == '.' ? 1 : 0;
                content.write(line, from, line.length - from);
            }
            return null;
        }

        private void endTransaction() {
            inTransaction = false;
            recipients.clear();
        }

        private void refuseEverythingButQuit() throws IOException {
            byte[] line;
            while ((line = in.readLine(MAX_LINE)) != null) {
                if (new String(line, StandardCharsets.US_ASCII).strip().equalsIgnoreCase("QUIT")) {
                    reply("221 2.0.0 Bye");
                    return;
                }
                reply("503 5.5.1 No service");
            }
        }

        /**
         * Gives the fault's reply at a point, or {@code normal} when no fault applies.
         *
         * @return the code sent, or -1 when the connection is over
         */
        private int answer(SmtpFault fault, String normal) throws IOException, InterruptedException {
            String text = replyFor(fault, normal);
            return text != null && reply(text) ? Integer.parseInt(text.substring(0, 3)) : -1;
        }

        /** The reply to send at a point, after the fault's delay; null when the fault dropped the connection. */
        private String replyFor(SmtpFault fault, String normal) throws IOException, InterruptedException {
            if (fault == null) {
                return normal;
            }
            Thread.sleep(fault.delay().toMillis());
            if (fault.dropsConnection()) {
                socket.close();
                return null;
            }
            return fault.code() == 0 ? normal : multiline(fault.code(), List.of(fault.text().split("\n", -1)));
        }

        /** Sends a reply; false when it was a 421, after which the connection is closed. */
        private boolean reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (text.startsWith("421")) {
                socket.close();
                return false;
            }
            return true;
        }

        void close() {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private static String multiline(int code, List<String> lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            s.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
                s.append("\r\n");
            }
        }
        return s.toString();
    }

    private static String address(String path) {
        String p = path.strip();
        int open = p.indexOf('<');
        int close = p.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return p.substring(open + 1, close);
        }
        int space = p.indexOf(' ');
        return space < 0 ? p : p.substring(0, space);
    }

    /** CRLF- (or LF-) terminated lines as bytes, from a stream it buffers itself. Not threadsafe. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its terminator, or null at the end of the stream. */
        byte[] readLine(int max) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line.size() == 0 ? null : line.toByteArray();
                    }
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return Arrays.copyOf(bytes, length);
                }
                if (line.size() >= max) {
                    throw new IOException("a line longer than " + max + " bytes");
                }
                line.write(b);
            }
        }

        int buffered() {
            return limit - position;
        }
    }
}
