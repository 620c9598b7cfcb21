package dev.notify.reliability.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mail transaction as the {@link FaultySmtpServer} saw it, from MAIL FROM on.
 *
 * @param number       the transaction's number over all connections, from 1
 * @param connection   the connection it came on, from 1
 * @param from         the MAIL FROM address
 * @param recipients   the RCPT TO addresses the server accepted (2xx)
 * @param rcptCommands every RCPT TO address the client sent, accepted or not
 * @param rawData      the content bytes exactly as sent after the 354, up to and including the final CRLF.CRLF,
 *                     or the octets of every BDAT chunk; null when the content never arrived in full
 * @param acknowledged whether the server answered the final "." (or BDAT ... LAST) with 2xx
 * @param chunked      whether the content came in BDAT chunks (RFC 3030): no dot-stuffing, no final "."
 */
public record Transaction(int number, int connection, String from, List<String> recipients,
        List<String> rcptCommands, byte[] rawData, boolean acknowledged, boolean chunked) {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");
    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:\\s*(.*)$");

    /** Whether the whole content arrived (the final "." was read). */
    public boolean complete() {
        return rawData != null;
    }

    /** The content with dot-stuffing removed and without the final ".": the message as the server stores it. */
    public String content() {
        if (rawData == null) {
            return null;
        }
        String raw = new String(rawData, StandardCharsets.ISO_8859_1);
        if (chunked) {
            return raw.endsWith("\r\n") ? raw.substring(0, raw.length() - 2) : raw;
        }
        String body = raw.substring(0, raw.length() - ".\r\n".length());
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }

    /** The Message-ID header of the content, or null. */
    public String messageId() {
        String content = content();
        if (content == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(content);
        return m.find() ? m.group(1) : null;
    }

    /** The Subject header of the content (unfolded first line only), or null. */
    public String subject() {
        String content = content();
        if (content == null) {
            return null;
        }
        Matcher m = SUBJECT.matcher(content);
        return m.find() ? m.group(1).strip() : null;
    }

    /** The raw content split at CRLF, the final "." line included (none for chunked content). */
    public List<String> rawLines() {
        List<String> lines = new ArrayList<>(List.of(new String(rawData, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    @Override
    public String toString() {
        return "Transaction[" + number + " on connection " + connection + ", from " + from + ", rcpt "
                + rcptCommands + ", accepted " + recipients + ", " + (complete() ? "content " + rawData.length
                + " bytes" + (acknowledged ? ", acknowledged" : ", not acknowledged") : "no content") + "]";
    }

    static String address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        return open >= 0 && close > open ? command.substring(open + 1, close).toLowerCase(Locale.ROOT) : "";
    }
}
