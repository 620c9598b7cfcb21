package dev.notify.smtp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * Reads SMTP replies (RFC 5321 4.2) from a connection: one line per {@code ddd-text} continuation up to the
 * {@code ddd text} line that ends the reply. It buffers what it reads, and says whether the server sent more
 * than was asked for, which means the connection is out of step. A reply longer than {@link #MAX_REPLY} bytes,
 * or a line that is not a reply, is a {@link ProtocolException}; the read timeout is the socket's.
 *
 * <p>Not threadsafe: one thread reads a connection at a time.
 */
final class ReplyReader {

    static final int MAX_REPLY = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    SmtpReply read() throws IOException {
        StringBuilder text = new StringBuilder(64);
        while (true) {
            int start = text.length();
            readLine(text);
            int length = text.length() - start;
            if (length < 3 || !digits(text, start) || length > 3 && text.charAt(start + 3) != ' '
                    && text.charAt(start + 3) != '-') {
                throw new ProtocolException("the server's reply is not SMTP: '" + printable(text, start) + "'");
            }
            int code = Integer.parseInt(text, start, start + 3, 10);
            if (code < 200 || code > 599) {
                throw new ProtocolException("the server's reply code " + code + " is not SMTP");
            }
            if (length == 3 || text.charAt(start + 3) == ' ') {
                return new SmtpReply(code, text.toString());
            }
            text.append('\n');
        }
    }

    /** Whether bytes the server sent are still unread. */
    boolean hasUnread() {
        return position < limit;
    }

    private void readLine(StringBuilder text) throws IOException {
        while (true) {
            if (position == limit) {
                fill();
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int stop = end > position && buffer[end - 1] == '\r' && end < limit ? end - 1 : end;
            if (text.length() + (stop - position) > MAX_REPLY) {
                throw new ProtocolException("the server's reply is longer than " + MAX_REPLY + " bytes");
            }
            text.append(new String(buffer, position, stop - position, StandardCharsets.ISO_8859_1));
            if (end < limit) {
                position = end + 1;
                trimCarriageReturn(text);
                return;
            }
            position = limit;
        }
    }

    private static void trimCarriageReturn(StringBuilder text) {
        int last = text.length() - 1;
        if (last >= 0 && text.charAt(last) == '\r') {
            text.setLength(last);
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        position = 0;
        limit = n;
    }

    private static boolean digits(CharSequence s, int start) {
        for (int i = start; i < start + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String printable(CharSequence s, int start) {
        String line = s.subSequence(start, Math.min(s.length(), start + 80)).toString();
        return line.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
