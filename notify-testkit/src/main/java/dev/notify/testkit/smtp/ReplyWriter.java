package dev.notify.testkit.smtp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies a session owes its client, in the order of the commands: held until the session writes them, which
 * a pipelining session does once per group and others once per command. Each write is shaped by the first
 * {@link SmtpFault.Point#WRITE} fault that applies: written after a delay, or in pieces. Not threadsafe.
 */
final class ReplyWriter {

    private final StringBuilder held = new StringBuilder();
    private final FaultPlan faults;
    private final Pause pause;
    private OutputStream out;

    ReplyWriter(OutputStream out, FaultPlan faults, Pause pause) {
        this.out = out;
        this.faults = faults;
        this.pause = pause;
    }

    /** Holds one more reply, its lines separated by CRLF, without the final CRLF. */
    void hold(String reply) {
        held.append(reply).append("\r\n");
    }

    boolean holding() {
        return held.length() > 0;
    }

    /** Writes the held replies: in one write, unless a fault cuts them into pieces. */
    void write() throws IOException {
        if (!holding()) {
            return;
        }
        String replies = held.toString();
        held.setLength(0);
        SmtpFault fault = faults.take(SmtpFault.Point.WRITE);
        List<String> writes = fault != null && fault.inPieces() ? pieces(replies) : List.of(replies);
        for (String piece : writes) {
            if (fault != null && !fault.delay().isZero()) {
                pauseFor(fault);
            }
            out.write(piece.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Writes to another stream from now on: the TLS socket's after STARTTLS. */
    void redirect(OutputStream out) {
        this.out = out;
    }

    private void pauseFor(SmtpFault fault) throws InterruptedIOException {
        try {
            pause.pause(fault.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before writing replies");
        }
    }

    /** A reply of one or more lines, separated by CRLF, without the final CRLF. */
    static String multiline(int code, List<String> lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            s.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
                s.append("\r\n");
            }
        }
        return s.toString();
    }

    /**
     * The replies cut in the middle of every line: the first half of the first line, then each line's second half
     * with the next line's first half, then the last line's second half.
     */
    static List<String> pieces(String replies) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int lineStart = 0;
        while (lineStart < replies.length()) {
            int lineEnd = replies.indexOf("\r\n", lineStart);
            int cut = lineStart + Math.max(1, (lineEnd - lineStart) / 2);
            pieces.add(replies.substring(start, cut));
            start = cut;
            lineStart = lineEnd + 2;
        }
        pieces.add(replies.substring(start));
        return pieces;
    }
}
