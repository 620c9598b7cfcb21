package dev.notify.testkit.smtp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The mail transaction a session is in: opened by an accepted MAIL, with the RCPT commands and recipients so far
 * and, once BDAT started, the chunks received. Not threadsafe.
 */
final class MailTransaction {

    private boolean open;
    private int rcptCommands;
    private final List<String> recipients = new ArrayList<>();
    private ByteArrayOutputStream chunks;

    /** Opens a transaction after an accepted MAIL. */
    void open() {
        end();
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    /** Counts one more RCPT command of the transaction; returns its number, from 1. */
    int countRcpt() {
        return ++rcptCommands;
    }

    void accept(String recipient) {
        recipients.add(recipient);
    }

    List<String> recipients() {
        return List.copyOf(recipients);
    }

    /** Whether a BDAT chunk has been received: DATA may no longer follow. */
    boolean isChunked() {
        return chunks != null;
    }

    /** Where the octets of the next chunk go. */
    OutputStream chunks() {
        if (chunks == null) {
            chunks = new ByteArrayOutputStream();
        }
        return chunks;
    }

    /** The chunks received so far, joined. */
    byte[] chunkedContent() {
        return chunks == null ? new byte[0] : chunks.toByteArray();
    }

    /** Ends the transaction (RSET, EHLO, a delivered or refused message): nothing of it is kept. */
    void end() {
        open = false;
        rcptCommands = 0;
        recipients.clear();
        chunks = null;
    }
}
