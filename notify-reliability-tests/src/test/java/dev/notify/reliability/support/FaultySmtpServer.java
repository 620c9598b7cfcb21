package dev.notify.reliability.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP server on plain sockets (or implicit TLS) whose every reply comes from a {@link Script}, for
 * faults no real server produces on demand: silence, 421 at any step, per-recipient codes, a connection reset
 * after 354, no reply after the final dot. It records what it actually received, byte for byte: every command
 * line, every transaction and its raw content, and how many connections were made.
 *
 * <p>Content ends only at CR LF "." CR LF, as RFC 5321 says, so a test can see exactly what a client sent. The
 * server offers ESMTP with SIZE, 8BITMIME and AUTH PLAIN LOGIN (when an account is set), never SMTPUTF8 or
 * STARTTLS; PIPELINING and CHUNKING only when {@link #offering} says so. Commands are read one line at a time
 * whatever the client sent at once, so pipelined groups need nothing else; with CHUNKING, {@code BDAT <n> [LAST]}
 * reads exactly n octets, and the transaction records the chunks' octets as its content. The script's DATA step
 * applies to each chunk once read: a 354 step's fate (a reset, say) happens then, any other reply refuses it.
 *
 * <p>This class is threadsafe.
 */
public final class FaultySmtpServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final SSLContext tls;
    private final Thread acceptor;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger authentications = new AtomicInteger();
    private final Map<String, AtomicInteger> rcptSeen = new ConcurrentHashMap<>();
    private final List<Transaction> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> commandLines = new CopyOnWriteArrayList<>();
    private volatile Script script = Script.wellBehaved();
    private volatile List<String> extensions = List.of();
    private volatile String user;
    private volatile String password;

    private FaultySmtpServer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.serverSocket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "faulty-smtp-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A plain SMTP server on a free loopback port. */
    public static FaultySmtpServer plain() throws IOException {
        return new FaultySmtpServer(null);
    }

    /** An SMTPS server (TLS from the first byte) presenting the context's certificate. */
    public static FaultySmtpServer implicitTls(SSLContext context) throws IOException {
        return new FaultySmtpServer(context);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Replaces the script; sessions already open use the new one from their next step. */
    public FaultySmtpServer script(Script newScript) {
        this.script = newScript;
        return this;
    }

    /** Adds EHLO keywords: {@code PIPELINING}, and {@code CHUNKING} to accept BDAT. */
    public FaultySmtpServer offering(String... keywords) {
        this.extensions = List.of(keywords);
        return this;
    }

    /** Offers AUTH PLAIN and LOGIN and accepts only these credentials (535 otherwise). */
    public FaultySmtpServer account(String newUser, String newPassword) {
        this.user = newUser;
        this.password = newPassword;
        return this;
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The most connections open at the same time. */
    public int maxOpenAtOnce() {
        return maxOpen.get();
    }

    public int openNow() {
        return sessions.size();
    }

    /** Successful AUTH exchanges. */
    public int authentications() {
        return authentications.get();
    }

    /** Every transaction that reached MAIL FROM, in the order of their MAIL FROM, as far as each got. */
    public List<Transaction> transactions() {
        return List.copyOf(received);
    }

    /** Transactions whose whole content arrived. */
    public List<Transaction> completeTransactions() {
        return received.stream().filter(Transaction::complete).toList();
    }

    /** Every command line as received, without its line end; AUTH payloads are replaced by "AUTH". */
    public List<String> commands() {
        return commandLines.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1).strip()).toList();
    }

    /** Every command line's raw bytes, line end included. */
    public List<byte[]> rawCommands() {
        return List.copyOf(commandLines);
    }

    /**
     * Like {@link #dropIdleConnections()}, once a connection is idle: the client may read the server's last reply
     * before the server's session has gone back to waiting for a command.
     */
    public int dropIdleConnectionsOnceIdle(java.time.Duration timeout) throws InterruptedException {
        return onceIdle(timeout, this::dropIdleConnections);
    }

    /** Like {@link #blackHoleIdleConnections()}, once a connection is idle (see {@link #dropIdleConnectionsOnceIdle}). */
    public int blackHoleIdleConnectionsOnceIdle(java.time.Duration timeout) throws InterruptedException {
        return onceIdle(timeout, this::blackHoleIdleConnections);
    }

    private static int onceIdle(java.time.Duration timeout, java.util.function.IntSupplier action)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int done = action.getAsInt();
        while (done == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
            done = action.getAsInt();
        }
        return done;
    }

    /** Closes the connections that are waiting for the client's next command (FIN), as a server restart would. */
    public int dropIdleConnections() {
        int dropped = 0;
        for (Session s : sessions) {
            if (s.idle) {
                s.closeQuietly();
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Makes the connections that are waiting for the client's next command half-open: they stay connected but
     * never answer again, like a server whose host vanished behind a firewall.
     */
    public int blackHoleIdleConnections() {
        int holed = 0;
        for (Session s : sessions) {
            if (s.idle) {
                s.blackHoled = true;
                holed++;
            }
        }
        return holed;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            int number = connections.incrementAndGet();
            Session session = new Session(socket, number);
            sessions.add(session);
            maxOpen.accumulateAndGet(sessions.size(), Math::max);
            Thread handler = new Thread(session, "faulty-smtp-session-" + number);
            handler.setDaemon(true);
            handler.start();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Session s : sessions) {
            s.closeQuietly();
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Session implements Runnable {
        private final Socket plainSocket;
        private final int number;
        private volatile Socket socket;
        private volatile boolean idle;
        private volatile boolean blackHoled;
        private String from;
        private int transaction;
        private int index;
        private final List<String> accepted = new ArrayList<>();
        private final List<String> rcpts = new ArrayList<>();
        private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        private boolean chunked;

        Session(Socket socket, int number) {
            this.plainSocket = socket;
            this.socket = socket;
            this.number = number;
        }

        @Override
        public void run() {
            try {
                if (tls != null) {
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plainSocket, null,
                            plainSocket.getPort(), true);
                    ssl.setUseClientMode(false);
                    socket = ssl;
                }
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                if (!perform(script.greeting(number), in, out)) {
                    return;
                }
                dialogue(in, out);
            } catch (IOException e) {
                // The client went away or the test dropped the connection.
            } finally {
                sessions.remove(this);
                closeQuietly();
            }
        }

        private void dialogue(InputStream in, OutputStream out) throws IOException {
            while (true) {
                idle = true;
                byte[] raw = readLine(in);
                idle = false;
                if (raw == null) {
                    return;
                }
                if (blackHoled) {
                    discard(in);
                    return;
                }
                String line = new String(raw, StandardCharsets.ISO_8859_1).strip();
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                commandLines.add(verb.equals("AUTH") ? "AUTH\r\n".getBytes(StandardCharsets.US_ASCII) : raw);
                boolean go = switch (verb) {
                    case "EHLO" -> perform(Step.reply(ehlo()), in, out);
                    case "HELO" -> perform(Step.reply("250 faulty.test"), in, out);
                    case "AUTH" -> auth(line, in, out);
                    case "MAIL" -> mail(line, in, out);
                    case "RCPT" -> rcpt(line, in, out);
                    case "DATA" -> data(in, out);
                    case "BDAT" -> bdat(line, in, out);
                    case "RSET" -> {
                        from = null;
                        yield perform(Step.reply("250 2.0.0 Ok"), in, out);
                    }
                    case "NOOP" -> perform(Step.reply("250 2.0.0 Ok"), in, out);
                    case "QUIT" -> perform(Step.replyAndClose("221 2.0.0 Bye"), in, out);
                    default -> perform(Step.reply("502 5.5.2 Command not recognized"), in, out);
                };
                if (!go) {
                    return;
                }
            }
        }

        private String ehlo() {
            StringBuilder offered = new StringBuilder();
            extensions.forEach(keyword -> offered.append("250-").append(keyword).append("\r\n"));
            return "250-faulty.test\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n" + offered
                    + (user != null ? "250-AUTH PLAIN LOGIN\r\n" : "") + "250 ENHANCEDSTATUSCODES";
        }

        private boolean auth(String line, InputStream in, OutputStream out) throws IOException {
            String[] parts = line.split(" ");
            String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
            boolean ok;
            if (mechanism.equals("PLAIN")) {
                String payload = parts.length > 2 ? parts[2] : challenge("", in, out);
                String[] fields = decode(payload).split("\0", -1);
                ok = fields.length == 3 && fields[1].equals(user) && fields[2].equals(password);
            } else if (mechanism.equals("LOGIN")) {
                String name = decode(parts.length > 2 ? parts[2] : challenge("VXNlcm5hbWU6", in, out));
                String pass = decode(challenge("UGFzc3dvcmQ6", in, out));
                ok = name.equals(user) && pass.equals(password);
            } else {
                return perform(Step.reply("504 5.5.4 Unrecognized authentication type"), in, out);
            }
            if (ok) {
                authentications.incrementAndGet();
                return perform(Step.reply("235 2.7.0 Authentication successful"), in, out);
            }
            return perform(Step.reply("535 5.7.8 Authentication credentials invalid"), in, out);
        }

        private String challenge(String text, InputStream in, OutputStream out) throws IOException {
            write(out, "334 " + text);
            byte[] answer = readLine(in);
            if (answer == null) {
                throw new IOException("the client left during AUTH");
            }
            return new String(answer, StandardCharsets.ISO_8859_1).strip();
        }

        private boolean mail(String line, InputStream in, OutputStream out) throws IOException {
            transaction = transactions.incrementAndGet();
            from = Transaction.address(line);
            accepted.clear();
            rcpts.clear();
            chunks.reset();
            chunked = false;
            synchronized (received) {
                received.add(snapshot(null, false));
                index = received.size() - 1;
            }
            Step step = script.mail(transaction, from);
            if (step.reply() != null && !step.reply().startsWith("2")) {
                from = null;
            }
            return perform(step, in, out);
        }

        private boolean rcpt(String line, InputStream in, OutputStream out) throws IOException {
            if (from == null) {
                return perform(Step.reply("503 5.5.1 Error: need MAIL command"), in, out);
            }
            String address = Transaction.address(line);
            rcpts.add(address);
            int seen = rcptSeen.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            Step step = script.rcpt(transaction, address, seen);
            if (step.reply() != null && step.reply().startsWith("2")) {
                accepted.add(address);
            }
            record(null, false);
            return perform(step, in, out);
        }

        private boolean data(InputStream in, OutputStream out) throws IOException {
            if (from == null || accepted.isEmpty()) {
                return perform(Step.reply("554 5.5.1 No valid recipients"), in, out);
            }
            Step step = script.data(transaction);
            if (!perform(step, in, out)) {
                return false;
            }
            if (step.reply() == null || !step.reply().startsWith("354")) {
                return true;
            }
            byte[] content = readContent(in);
            if (content == null) {
                return false;
            }
            Step end = script.endOfData(transaction);
            boolean acknowledged = end.reply() != null && end.reply().startsWith("2");
            record(content, acknowledged);
            from = null;
            return perform(end, in, out);
        }

        private boolean bdat(String line, InputStream in, OutputStream out) throws IOException {
            String[] words = line.split(" ");
            boolean last = words.length > 2 && words[2].equalsIgnoreCase("LAST");
            byte[] chunk = words.length > 1 && words[1].matches("\\d{1,9}")
                    ? in.readNBytes(Integer.parseInt(words[1])) : null;
            if (chunk == null || !extensions.contains("CHUNKING")) {
                return perform(Step.replyAndClose("501 5.5.4 Syntax: BDAT <size> [LAST]"), in, out);
            }
            if (from == null || accepted.isEmpty()) {
                chunks.reset();
                return perform(Step.reply("554 5.5.1 No valid recipients"), in, out);
            }
            Step taking = script.data(transaction);
            if (taking.reply() == null || !taking.reply().startsWith("354")) {
                chunks.reset();
                return perform(taking, in, out);
            }
            if (!after(taking, in)) {
                return false;
            }
            chunks.writeBytes(chunk);
            if (!last) {
                return perform(Step.reply("250 2.0.0 " + chunk.length + " octets received"), in, out);
            }
            Step end = script.endOfData(transaction);
            boolean acknowledged = end.reply() != null && end.reply().startsWith("2");
            chunked = true;
            record(chunks.toByteArray(), acknowledged);
            chunks.reset();
            from = null;
            return perform(end, in, out);
        }

        /** Updates this session's current transaction in the list, before the client can see the reply. */
        private void record(byte[] content, boolean acknowledged) {
            if (from != null) {
                received.set(index, snapshot(content, acknowledged));
            }
        }

        private Transaction snapshot(byte[] content, boolean acknowledged) {
            return new Transaction(transaction, number, from, List.copyOf(accepted), List.copyOf(rcpts), content,
                    acknowledged, chunked);
        }

        /** Writes the step's reply and applies its fate; false when the dialogue is over. */
        private boolean perform(Step step, InputStream in, OutputStream out) throws IOException {
            if (step.reply() != null) {
                write(out, step.reply());
            }
            return after(step, in);
        }

        private boolean after(Step step, InputStream in) throws IOException {
            switch (step.after()) {
                case CONTINUE:
                    return true;
                case CLOSE:
                    closeQuietly();
                    return false;
                case RESET:
                    plainSocket.setSoLinger(true, 0);
                    closeQuietly();
                    return false;
                case SILENCE:
                    discard(in);
                    return false;
                default:
                    throw new IllegalStateException(step.toString());
            }
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
            try {
                plainSocket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // Never answer.
        }
    }

    /** A line up to and including LF (or CR LF); null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return null;
    }

    /** The content up to and including CR LF "." CR LF (the first line counts as following a CR LF). */
    private static byte[] readContent(InputStream in) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '.', '\r', '\n'};
        int matched = 2;
        int b;
        while ((b = in.read()) >= 0) {
            content.write(b);
            if (b == end[matched]) {
                matched++;
            } else {
                matched = b == '\r' ? 1 : 0;
            }
            if (matched == end.length) {
                return content.toByteArray();
            }
        }
        return null;
    }
}
