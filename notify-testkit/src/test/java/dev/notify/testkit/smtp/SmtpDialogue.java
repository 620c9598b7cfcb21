package dev.notify.testkit.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A hand-typed SMTP conversation over a plain socket, for checking a server's replies one command at a time. */
final class SmtpDialogue implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpDialogue(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /** A conversation over a connected socket, TLS from the first byte when it is an SSL socket. */
    SmtpDialogue(Socket socket) throws IOException {
        this.socket = socket;
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** A conversation with a running fixture, past its greeting and EHLO. */
    static SmtpDialogue afterEhlo(SmtpServerExtension smtp) throws IOException {
        SmtpDialogue dialogue = new SmtpDialogue(smtp.host(), smtp.port());
        dialogue.reply();
        dialogue.send("EHLO client.test");
        return dialogue;
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

    /** The next reply, its lines joined with {@code \n}; null when the server closed the connection. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
        return reply.length() == 0 ? null : reply.toString();
    }

    /** Sends one line and returns the reply to it. */
    String send(String line) throws IOException {
        write(line);
        return reply();
    }

    /** Sends one line without waiting for a reply. */
    void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
