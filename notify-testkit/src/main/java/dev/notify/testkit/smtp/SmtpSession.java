package dev.notify.testkit.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;

/**
 * One connection to the test kit's own SMTP server, from the greeting to QUIT. It behaves as the server it stands
 * in for: STARTTLS mode requires TLS, and AUTH when there is a user, before MAIL; plain and SMTPS offer AUTH but
 * do not require it. Used by its own thread only.
 */
final class SmtpSession {

    private static final String HOST = "localhost";
    private static final int MAX_LINE = 1 << 20;

    private final SessionSetup setup;
    private final FaultPlan faults;
    private final Consumer<Socket> tlsStarted;
    private Socket socket;
    private LineReader in;
    private final ReplyWriter replies;
    private boolean tlsActive;
    private boolean authenticated;
    private final MailTransaction transaction = new MailTransaction();
    private boolean heldForMore;

    /** A session on an accepted socket; {@code tlsStarted} learns the socket that STARTTLS layers over it. */
    SmtpSession(Socket socket, SessionSetup setup, Consumer<Socket> tlsStarted) throws IOException {
        this.socket = socket;
        this.setup = setup;
        this.faults = setup.faults();
        this.tlsStarted = tlsStarted;
        this.in = new LineReader(socket.getInputStream());
        this.replies = new ReplyWriter(socket.getOutputStream(), faults, setup.pause());
        this.tlsActive = setup.tls() == TlsMode.IMPLICIT;
    }

    /** The socket in use: the accepted one, or the TLS socket over it after STARTTLS. */
    Socket socket() {
        return socket;
    }

    void run() throws IOException, InterruptedException {
        int greeting = answer(faults.take(SmtpFault.Point.GREETING), "220 " + HOST + " ESMTP notify test kit");
        if (greeting < 0) {
            return;
        }
        writeReplies();
        if (greeting >= 300) {
            refuseEverythingButQuit();
            return;
        }
        byte[] line;
        while ((line = nextCommand()) != null) {
            String command = new String(line, StandardCharsets.UTF_8);
            int space = command.indexOf(' ');
            String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
            String argument = space < 0 ? "" : command.substring(space + 1).strip();
            if (!dispatch(verb, argument)) {
                return;
            }
        }
    }

    /**
     * The next command line, null at the end of the stream. The replies held so far are written first, unless the
     * server offers pipelining and the client has sent another complete command (they wait for the replies to the
     * rest of the group), or a {@link SmtpFault#coalescedReplies} fault holds them for the client's next commands.
     */
    private byte[] nextCommand() throws IOException {
        if (replies.holding() && !(setup.extensions().pipelining() && in.hasCompleteLine())
                && !holdForMoreCommands()) {
            writeReplies();
        }
        return in.readLine(MAX_LINE);
    }

    /** Whether the held replies wait for the client's next commands, which have begun to arrive. */
    private boolean holdForMoreCommands() throws IOException {
        if (heldForMore) {
            return false;
        }
        SmtpFault fault = faults.take(SmtpFault.Point.HOLD);
        heldForMore = fault != null && in.awaitInput(socket, fault.delay());
        return heldForMore;
    }

    /** Handles one command; false when the connection is over. */
    private boolean dispatch(String verb, String argument) throws IOException, InterruptedException {
        return switch (verb) {
            case "EHLO" -> {
                transaction.end();
                yield answer(faults.take(SmtpFault.Point.EHLO), ehloReply()) >= 0;
            }
            case "HELO" -> {
                transaction.end();
                yield answer(faults.take(SmtpFault.Point.EHLO), "250 " + HOST) >= 0;
            }
            case "STARTTLS" -> startTls();
            case "AUTH" -> authenticate(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "BDAT" -> setup.extensions().chunking() ? bdat(argument) : reply("500 5.5.2 Command not recognized");
            case "RSET" -> {
                transaction.end();
                yield reply("250 2.0.0 Ok");
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> quit();
            default -> reply("500 5.5.2 Command not recognized");
        };
    }

    private String ehloReply() {
        List<String> lines = new ArrayList<>(List.of(HOST, "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
        if (setup.tls() == TlsMode.STARTTLS && !tlsActive) {
            lines.add("STARTTLS");
        }
        if (setup.user() != null && (setup.tls() != TlsMode.STARTTLS || tlsActive)) {
            lines.add("AUTH PLAIN LOGIN XOAUTH2");
        }
        if (setup.extensions().pipelining()) {
            lines.add("PIPELINING");
        }
        if (setup.extensions().chunking()) {
            lines.add("CHUNKING");
        }
        return ReplyWriter.multiline(250, lines);
    }

    private boolean startTls() throws IOException {
        if (setup.tls() != TlsMode.STARTTLS || tlsActive) {
            return reply("503 5.5.1 TLS not available");
        }
        if (in.buffered() > 0) {
            return reply("501 5.5.4 Data after STARTTLS");
        }
        reply("220 2.0.0 Ready to start TLS");
        writeReplies();
        SSLSocket layered = (SSLSocket) setup.sslContext().getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        layered.setUseClientMode(false);
        layered.startHandshake();
        tlsStarted.accept(layered);
        socket = layered;
        in = new LineReader(layered.getInputStream());
        replies.redirect(layered.getOutputStream());
        tlsActive = true;
        authenticated = false;
        transaction.end();
        return true;
    }

    private boolean authenticate(String argument) throws IOException, InterruptedException {
        if (setup.user() == null) {
            return reply("503 5.5.1 AUTH not offered");
        }
        if (authenticated) {
            return reply("503 5.5.1 Already authenticated");
        }
        String[] credentials;
        try {
            credentials = SaslResponses.credentials(argument, this::challenge);
        } catch (IllegalArgumentException e) {
            return reply("501 5.5.2 Cannot decode the response");
        }
        if (credentials == null) {
            return reply("504 5.5.4 Unrecognized authentication type");
        }
        boolean valid = setup.user().equals(credentials[0]) && Objects.equals(setup.password(), credentials[1]);
        int code = answer(faults.take(SmtpFault.Point.AUTH), valid ? "235 2.7.0 Authentication successful"
                : "535 5.7.8 Authentication credentials invalid");
        authenticated = valid && code == 235;
        return code >= 0;
    }

    private String challenge(String prompt) throws IOException {
        reply("334 " + prompt);
        writeReplies();
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

    private boolean mail(String argument) throws IOException, InterruptedException {
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            return reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        if (setup.tls() == TlsMode.STARTTLS && !tlsActive) {
            return reply("530 5.7.0 Must issue a STARTTLS command first");
        }
        if (setup.tls() == TlsMode.STARTTLS && setup.user() != null && !authenticated) {
            return reply("530 5.7.0 Authentication required");
        }
        if (transaction.isOpen()) {
            return reply("503 5.5.1 Sender already given");
        }
        int code = answer(faults.take(SmtpFault.Point.MAIL), "250 2.1.0 Ok");
        if (code >= 200 && code < 300) {
            transaction.open();
        }
        return code >= 0;
    }

    private boolean rcpt(String argument) throws IOException, InterruptedException {
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            return reply("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        if (!transaction.isOpen()) {
            return reply("503 5.5.1 Need MAIL before RCPT");
        }
        String address = address(argument.substring(3));
        int number = transaction.countRcpt();
        int code = answer(faults.take(SmtpFault.Point.RCPT, address, transaction.recipients().size(), number),
                "250 2.1.5 Ok");
        if (code >= 200 && code < 300) {
            transaction.accept(address);
        }
        return code >= 0;
    }

    private boolean data() throws IOException, InterruptedException {
        if (!transaction.isOpen()) {
            return reply("503 5.5.1 Need MAIL before DATA");
        }
        if (transaction.isChunked()) {
            return reply("503 5.5.1 DATA after BDAT in one transaction");
        }
        if (transaction.recipients().isEmpty()) {
            return reply("554 5.5.1 No valid recipients");
        }
        int code = answer(faults.take(SmtpFault.Point.DATA), "354 End data with <CR><LF>.<CR><LF>");
        if (code != 354) {
            if (code >= 0) {
                transaction.end();
            }
            return code >= 0;
        }
        writeReplies();
        byte[] content = in.readDotTerminated(MAX_LINE);
        if (content == null) {
            return false;
        }
        return deliver(content);
    }

    /**
     * Reads one chunk of {@code BDAT <size> [LAST]}: its octets as they are, answered each; the last one ends the
     * message. Without a transaction or an accepted recipient the octets are read and the chunk refused, which
     * ends the transaction, so that the client's pipelined chunks are read and refused too.
     */
    private boolean bdat(String argument) throws IOException, InterruptedException {
        ChunkHeader chunk = ChunkHeader.parse(argument);
        if (chunk == null) {
            return reply("501 5.5.4 Syntax: BDAT <size> [LAST]");
        }
        String refusal = !transaction.isOpen() ? "503 5.5.1 Need MAIL before BDAT"
                : transaction.recipients().isEmpty() ? "554 5.5.1 No valid recipients" : null;
        if (refusal != null) {
            transaction.end();
            return in.readExactly(chunk.size(), OutputStream.nullOutputStream()) && reply(refusal);
        }
        boolean first = !transaction.isChunked();
        if (!in.readExactly(chunk.size(), transaction.chunks())) {
            return false;
        }
        SmtpFault starting = first ? faults.take(SmtpFault.Point.DATA) : null;
        if (starting != null) {
            String reply = replyFor(starting, "354 Start chunked input");
            if (reply == null) {
                return false;
            }
            if (!reply.startsWith("2") && !reply.startsWith("3")) {
                transaction.end();
                return reply(reply);
            }
        }
        if (!chunk.last()) {
            int code = answer(faults.take(SmtpFault.Point.CHUNK), "250 2.0.0 Ok: " + chunk.size() + " octets");
            if (code >= 300) {
                transaction.end();
            }
            return code >= 0;
        }
        return deliver(Inbox.withoutFinalLineBreak(transaction.chunkedContent()));
    }

    /** Ends the transaction with its content received, and records the message unless a fault refuses it. */
    private boolean deliver(byte[] content) throws IOException, InterruptedException {
        List<String> accepted = transaction.recipients();
        transaction.end();
        String reply = replyFor(faults.take(SmtpFault.Point.END_OF_DATA), "250 2.0.0 Ok: queued");
        if (reply == null) {
            return false;
        }
        if (reply.startsWith("2")) {
            setup.inbox().add(content, accepted);
        }
        return reply(reply);
    }

    private boolean quit() throws IOException {
        reply("221 2.0.0 Bye");
        writeReplies();
        return false;
    }

    private void refuseEverythingButQuit() throws IOException {
        byte[] line;
        while ((line = nextCommand()) != null) {
            if (new String(line, StandardCharsets.US_ASCII).strip().equalsIgnoreCase("QUIT")) {
                quit();
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
        if (!fault.delay().isZero()) {
            setup.pause().pause(fault.delay());
        }
        if (fault.dropsConnection()) {
            socket.close();
            return null;
        }
        return fault.code() == 0 ? normal : ReplyWriter.multiline(fault.code(), List.of(fault.text().split("\n", -1)));
    }

    /** Writes the replies held, those held for more commands included. */
    private void writeReplies() throws IOException {
        heldForMore = false;
        replies.write();
    }

    /**
     * Holds a reply for the next write; false when it was a 421, which is written at once with the replies held
     * before it, after which the connection is closed.
     */
    private boolean reply(String text) throws IOException {
        replies.hold(text);
        if (text.startsWith("421")) {
            writeReplies();
            socket.close();
            return false;
        }
        return true;
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
}
