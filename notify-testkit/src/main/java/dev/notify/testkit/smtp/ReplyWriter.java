package dev.notify.testkit.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The replies a session owes its client, in the order of the commands: held until the session writes them, which
 * a pipelining session does once per group and others once per command. Not threadsafe.
 */
final class ReplyWriter {

    private final StringBuilder held = new StringBuilder();
    private OutputStream out;

    ReplyWriter(OutputStream out) {
        this.out = out;
    }

    /** Holds one more reply, its lines separated by CRLF, without the final CRLF. */
    void hold(String reply) {
        held.append(reply).append("\r\n");
    }

    boolean holding() {
        return held.length() > 0;
    }

    /** Writes the held replies in one write. */
    void write() throws IOException {
        if (!holding()) {
            return;
        }
        byte[] bytes = held.toString().getBytes(StandardCharsets.UTF_8);
        held.setLength(0);
        out.write(bytes);
        out.flush();
    }

    /** Forgets the held replies, as a server that dies does. */
    void discard() {
        held.setLength(0);
    }

    /** Writes to another stream from now on: the TLS socket's after STARTTLS. */
    void redirect(OutputStream out) {
        this.out = out;
    }
}
