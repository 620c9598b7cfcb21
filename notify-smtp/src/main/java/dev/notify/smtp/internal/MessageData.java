package dev.notify.smtp.internal;

/**
 * Puts message content on the wire as SMTP requires, in one pass over the rendered message: every line ends
 * with CR LF (a bare CR or LF becomes CR LF, as Angus's {@code CRLFOutputStream} does), and the content ends with
 * one. For DATA a line that starts with a dot gets a second one (RFC 5321 4.5.2) and the end-of-data line
 * follows; for BDAT the octets are counted and sent as they are.
 */
final class MessageData {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private MessageData() {
    }

    /** Adds the content of DATA, dot-stuffed, and the end-of-data line. */
    static void dotStuffed(byte[] content, CommandWriter out) {
        write(content, out, true);
        out.bytes(new byte[] {DOT, CR, LF}, 0, 3);
    }

    /** Adds the content of BDAT, lines ending in CR LF, no stuffing. */
    static void chunk(byte[] content, CommandWriter out) {
        write(content, out, false);
    }

    /** The size of {@link #chunk}'s output. */
    static int chunkSize(byte[] content) {
        int size = 0;
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == CR) {
                size += 2;
                if (i + 1 < content.length && content[i + 1] == LF) {
                    i++;
                }
                lineStart = true;
            } else if (b == LF) {
                size += 2;
                lineStart = true;
            } else {
                size++;
                lineStart = false;
            }
        }
        return lineStart ? size : size + 2;
    }

    private static void write(byte[] content, CommandWriter out, boolean stuff) {
        out.ensure(content.length + content.length / 16 + 8);
        byte[] buffer = out.array();
        int at = out.size();
        int limit = buffer.length - 4;
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            if (at >= limit) {
                out.advance(at - out.size());
                out.ensure(content.length - i + (content.length - i) / 16 + 8);
                buffer = out.array();
                at = out.size();
                limit = buffer.length - 4;
            }
            byte b = content[i];
            if (b == CR || b == LF) {
                buffer[at++] = CR;
                buffer[at++] = LF;
                if (b == CR && i + 1 < content.length && content[i + 1] == LF) {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (lineStart && stuff && b == DOT) {
                buffer[at++] = DOT;
            }
            buffer[at++] = b;
            lineStart = false;
        }
        if (!lineStart) {
            buffer[at++] = CR;
            buffer[at++] = LF;
        }
        out.advance(at - out.size());
    }
}
