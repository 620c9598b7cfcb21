package dev.notify.smtp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

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
    private static final byte[] END_OF_DATA = {DOT, CR, LF};

    /**
     * Verbs of RFC 5321 and the extensions a server may implement, upper case: a line of content that starts with
     * one could act as a command on a server that does not read a refused chunk's octets.
     */
    private static final Set<String> VERBS = Set.of("HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET",
            "VRFY", "EXPN", "HELP", "NOOP", "QUIT", "AUTH", "STARTTLS", "ETRN", "ATRN", "TURN", "BURL", "SEND", "SOML",
            "SAML", "XCLIENT", "XFORWARD");
    private static final int LONGEST_VERB = 8;

    private MessageData() {
    }

    /**
     * Whether a line of the content starts, after any spaces or tabs, with an SMTP verb followed by a space, a
     * tab, a colon or the line end. RFC 3030 requires a server to read a refused BDAT chunk's octets; one that
     * does not would run such lines as commands (SubEthaSMTP 7.1.7 does, for a BDAT with no accepted recipient),
     * so content like this goes out only after the server has accepted a recipient.
     */
    static boolean mayReadAsCommands(byte[] content) {
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == CR || b == LF) {
                lineStart = true;
            } else if (lineStart) {
                if (startsWithVerb(content, i)) {
                    return true;
                }
                lineStart = false;
            }
        }
        return false;
    }

    private static boolean startsWithVerb(byte[] content, int start) {
        int i = start;
        while (i < content.length && (content[i] == ' ' || content[i] == '\t')) {
            i++;
        }
        int end = i;
        while (end < content.length && end - i <= LONGEST_VERB && Character.isLetter(content[end])) {
            end++;
        }
        if (end - i < 4 || end - i > LONGEST_VERB) {
            return false;
        }
        boolean delimited = end == content.length || content[end] == ' ' || content[end] == '\t'
                || content[end] == ':' || content[end] == CR || content[end] == LF;
        return delimited && VERBS.contains(new String(content, i, end - i, StandardCharsets.US_ASCII)
                .toUpperCase(Locale.ROOT));
    }

    /** Adds the content of DATA, dot-stuffed, and the end-of-data line. */
    static void dotStuffed(byte[] content, CommandWriter out) {
        write(content, out, true);
        endOfData(out);
    }

    /** Adds the end-of-data line. */
    static void endOfData(CommandWriter out) {
        out.bytes(END_OF_DATA, 0, END_OF_DATA.length);
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
