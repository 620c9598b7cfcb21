package dev.notify.smtp.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP server on plain sockets whose replies a test sets: what GreenMail cannot do (chosen reply
 * codes, silence, a connection dropped during DATA). It counts connections, the most open at once, NOOPs and
 * messages, so tests can check what the client did from the server's side.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger noops = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final java.util.concurrent.Semaphore sessionsEnded = new java.util.concurrent.Semaphore(0);
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private volatile boolean silent;
    private volatile String greeting = "220 scripted.test ESMTP";
    private volatile String mailReply = "250 2.1.0 Ok";
    private volatile String dataReply = "250 2.0.0 Ok: queued";
    private final AtomicInteger dropsDuringData = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<String> nextMailReply =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> extensions = new CopyOnWriteArrayList<>(List.of("SIZE 10000000", "8BITMIME"));
    private volatile boolean holdRepliesUntilData;
    private volatile boolean forgetsRefusedMail;
    private volatile boolean refusesNestedMail;
    private volatile int holdRepliesForMessages;
    private volatile boolean leavesRefusedChunkUnread;
    private volatile String replyToRcpt;
    private final AtomicInteger dropsAfterMail = new AtomicInteger();

    /** An accepted message: its content, dot-unstuffed, and the recipients accepted for it. */
    record Received(String content, List<String> recipients) {
    }

    ScriptedSmtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Accepts connections and never says anything. */
    ScriptedSmtpServer silent() {
        silent = true;
        return this;
    }

    ScriptedSmtpServer greeting(String reply) {
        greeting = reply;
        return this;
    }

    ScriptedSmtpServer mailReply(String reply) {
        mailReply = reply;
        return this;
    }

    ScriptedSmtpServer dataReply(String reply) {
        dataReply = reply;
        return this;
    }

    ScriptedSmtpServer rcptReply(String address, String reply) {
        rcptReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Adds EHLO keywords, e.g. {@code PIPELINING} and {@code CHUNKING} (BDAT is then understood). */
    ScriptedSmtpServer offering(String... keywords) {
        extensions.addAll(List.of(keywords));
        return this;
    }

    /**
     * Holds the replies to MAIL and RCPT until DATA or BDAT arrives, then writes them all: a client that waits
     * for each reply before the next command never gets one (RFC 2920 allows a server to answer a group so).
     */
    ScriptedSmtpServer holdRepliesUntilData() {
        holdRepliesUntilData = true;
        return this;
    }

    /**
     * Holds every reply until the content of {@code count} messages (BDAT ... LAST) has arrived, then writes them
     * all: a client that waits for one message's replies before sending the next never gets one.
     */
    ScriptedSmtpServer holdRepliesForMessages(int count) {
        holdRepliesForMessages = count;
        return this;
    }

    /**
     * Keeps a transaction whose BDAT was refused open, and answers a MAIL inside an open transaction with 503 (a
     * nested MAIL), as a server may that does not end a refused transaction by itself.
     */
    ScriptedSmtpServer refusesNestedMail() {
        refusesNestedMail = true;
        return this;
    }

    /** Takes RCPT and DATA after refusing MAIL, as a broken server might; by default RCPT then gets 503. */
    ScriptedSmtpServer forgetsRefusedMail() {
        forgetsRefusedMail = true;
        return this;
    }

    /**
     * Refuses BDAT without an accepted recipient before reading the chunk, whose octets are then read as commands,
     * as SubEthaSMTP 7.1.7 does (RFC 3030 requires reading them).
     */
    ScriptedSmtpServer leavesRefusedChunkUnread() {
        leavesRefusedChunkUnread = true;
        return this;
    }

    /** Answers every RCPT with {@code reply} instead, e.g. a reply out of step with the command. */
    ScriptedSmtpServer replyToEveryRcpt(String reply) {
        replyToRcpt = reply;
        return this;
    }

    /** Closes the connection right after reading the next {@code times} MAIL commands, answering nothing. */
    ScriptedSmtpServer dropAfterMail(int times) {
        dropsAfterMail.set(times);
        return this;
    }

    /** Closes the connection in the middle of the next {@code times} messages' content. */
    ScriptedSmtpServer dropDuringData(int times) {
        dropsDuringData.set(times);
        return this;
    }

    /** Replies {@code reply} to the next MAIL FROM only. */
    ScriptedSmtpServer failNextMail(String reply) {
        nextMailReply.set(reply);
        return this;
    }

    /** Each accepted message. */
    List<Received> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    int maxOpenAtOnce() {
        return maxOpen.get();
    }

    int openNow() {
        return open.size();
    }

    int noops() {
        return noops.get();
    }

    int messages() {
        return messages.get();
    }

    /** Connections the client closed (QUIT or end of stream), as opposed to the server. */
    int closedByClient() {
        return closedByClient.get();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    /**
     * Waits until {@code count} more sessions have ended (closed by either side), counting from the last call.
     *
     * @return false when they did not end within {@code timeout}, a bound only against a hanging test
     */
    boolean awaitSessionsEnded(int count, java.time.Duration timeout) throws InterruptedException {
        return sessionsEnded.tryAcquire(count, timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Closes every open connection from the server side, as a server restart would. */
    void dropAllConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.incrementAndGet();
                open.add(socket);
                maxOpen.accumulateAndGet(open.size(), Math::max);
                Thread handler = new Thread(() -> serve(socket), "scripted-smtp-session");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            HeldReplies out = new HeldReplies(socket.getOutputStream());
            if (silent) {
                while (in.read() >= 0) {
                    // Swallow whatever comes and never answer.
                }
                return;
            }
            reply(out, greeting);
            if (!greeting.startsWith("2")) {
                return;
            }
            List<String> recipients = new java.util.ArrayList<>();
            boolean mailTaken = false;
            int contents = 0;
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> reply(out, ehlo());
                    case "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL" -> {
                        if (refusesNestedMail && mailTaken) {
                            reply(out, "503 5.5.1 Error: nested MAIL command");
                            continue;
                        }
                        recipients.clear();
                        if (dropsAfterMail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            return;
                        }
                        out.holding = holdRepliesUntilData || holdRepliesForMessages > 1;
                        String once = nextMailReply.getAndSet(null);
                        String reply = once != null ? once : mailReply;
                        mailTaken = reply.startsWith("2") || forgetsRefusedMail;
                        reply(out, reply);
                    }
                    case "RCPT" -> {
                        String reply = replyToRcpt != null ? replyToRcpt
                                : mailTaken ? rcptReply(line) : "503 5.5.1 Error: need MAIL command";
                        if (reply.startsWith("2")) {
                            recipients.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                        }
                        reply(out, reply);
                    }
                    case "NOOP" -> {
                        noops.incrementAndGet();
                        reply(out, "250 2.0.0 Ok");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        mailTaken = false;
                        reply(out, "250 2.0.0 Ok");
                    }
                    case "BDAT" -> {
                        if (leavesRefusedChunkUnread && recipients.isEmpty()) {
                            out.holding = false;
                            reply(out, "503 5.5.1 Error: need RCPT command");
                            continue;
                        }
                        String[] words = line.split(" ");
                        char[] chunk = new char[Integer.parseInt(words[1])];
                        int read = 0;
                        while (read < chunk.length) {
                            int n = in.read(chunk, read, chunk.length - read);
                            if (n < 0) {
                                return;
                            }
                            read += n;
                        }
                        contents++;
                        out.holding = holdRepliesForMessages > 1 && contents % holdRepliesForMessages != 0;
                        if (recipients.isEmpty()) {
                            reply(out, "554 5.5.1 No valid recipients");
                            continue;
                        }
                        mailTaken = false;
                        messages.incrementAndGet();
                        if (dataReply.startsWith("2")) {
                            received.add(new Received(new String(chunk), List.copyOf(recipients)));
                        }
                        reply(out, dataReply);
                    }
                    case "DATA" -> {
                        out.holding = false;
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        if (dropsDuringData.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            in.readLine();
                            return;
                        }
                        StringBuilder content = new StringBuilder();
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            content.append(data.startsWith(".") ? data.substring(1) : data).append("\r\n");
                        }
                        if (data == null) {
                            return;
                        }
                        if (dataReply.startsWith("2")) {
                            received.add(new Received(content.toString(), List.copyOf(recipients)));
                        }
                        mailTaken = false;
                        messages.incrementAndGet();
                        reply(out, dataReply);
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        closedByClient.incrementAndGet();
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            // The client went away or the test dropped the connection.
        } finally {
            open.remove(socket);
            sessionsEnded.release();
        }
    }

    private String rcptReply(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>');
        String address = open >= 0 && close > open ? line.substring(open + 1, close).toLowerCase(Locale.ROOT) : "";
        return rcptReplies.getOrDefault(address, "250 2.1.5 Ok");
    }

    private String ehlo() {
        StringBuilder b = new StringBuilder("250-scripted.test");
        for (int i = 0; i < extensions.size(); i++) {
            b.append(i == extensions.size() - 1 ? "\r\n250 " : "\r\n250-").append(extensions.get(i));
        }
        return b.toString();
    }

    private static void reply(HeldReplies out, String reply) throws IOException {
        out.reply(reply);
    }

    /** Replies written at once, or held back while {@code holding} and written with the next one not held. */
    private static final class HeldReplies {
        private final OutputStream out;
        private final StringBuilder held = new StringBuilder();
        boolean holding;

        HeldReplies(OutputStream out) {
            this.out = out;
        }

        void reply(String reply) throws IOException {
            held.append(reply).append("\r\n");
            if (!holding) {
                out.write(held.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                held.setLength(0);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        dropAllConnections();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
