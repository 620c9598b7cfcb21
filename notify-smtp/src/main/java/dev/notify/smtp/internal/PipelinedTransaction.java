package dev.notify.smtp.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Mail transactions on a connection whose server offers PIPELINING (RFC 2920): MAIL FROM, every RCPT TO and DATA
 * go out in one write and their replies are read in order; the content follows the 354. When the server also
 * offers CHUNKING (RFC 3030) the content goes in the same write as {@code BDAT <size> LAST}, so a message costs
 * one round trip, unless a line of it could read as a command ({@link MessageData#mayReadAsCommands}): such
 * content waits for the 354 of DATA, after the server has accepted a recipient. Every reply of a group is read whatever the earlier ones said, so the connection stays in step;
 * a 421 (the server is closing the connection) ends the transaction at once, as not delivered whatever it
 * answered; a refused transaction is ended with RSET, after a single dot when DATA was accepted anyway (RFC 2920 3.1) with
 * no recipient taken. A server that takes recipients and DATA after refusing MAIL could deliver that empty
 * message, so the connection is cut instead.
 *
 * <p>Outcomes are reported with Jakarta Mail's exceptions, exactly as Angus's transport reports them, so that
 * one piece of code turns both paths' outcomes into notify's: a refused MAIL is an {@link SMTPSendFailedException}
 * (with an {@link SMTPSenderFailedException} for a refused address), refused recipients are chained
 * {@link SMTPAddressFailedException}s (401-599 except the codes Angus treats as "valid but unsent", which go to
 * valid-unsent), every recipient refused is a {@link SendFailedException}, and a message accepted for some
 * recipients only is an {@link SMTPSendFailedException} with code 250 and the valid-sent addresses.
 *
 * <p>Not threadsafe: one send at a time per connection, as the pool guarantees.
 */
final class PipelinedTransaction {

    /** Header fields that stay off the wire, as with Angus's transport. */
    private static final String[] NOT_SENT = {"Bcc", "Content-Length"};

    private final CommandWriter out;
    private final ReplyReader in;
    private final boolean chunkingOffered;
    /** Whether the current message goes as BDAT. */
    private boolean chunking;
    private final Optional<PrintStream> trace;
    private SmtpReply lastReply;
    private boolean dataStarted;
    private boolean inStep = true;

    PipelinedTransaction(CommandWriter out, ReplyReader in, boolean chunking, Optional<PrintStream> trace) {
        this.out = out;
        this.in = in;
        this.chunkingOffered = chunking;
        this.trace = trace;
    }

    /**
     * Sends one message in one transaction.
     *
     * @throws MessagingException as Angus's {@code SMTPTransport.sendMessage} would, with an {@link IOException}
     *     (or a {@link ProtocolException} for replies out of step) as the cause when the connection failed
     */
    void send(MimeMessage message, String from, Address[] recipients) throws MessagingException {
        if (!inStep) {
            throw new MessagingException("the connection is out of step with the server and cannot be used");
        }
        byte[] content = render(message);
        dataStarted = false;
        lastReply = null;
        try {
            transaction(content, from, recipients);
        } catch (IOException e) {
            inStep = false;
            throw new MessagingException("the connection failed during the mail transaction: " + e.getMessage(), e);
        }
        if (in.hasUnread()) {
            inStep = false;
        }
    }

    private void transaction(byte[] content, String from, Address[] recipients)
            throws IOException, MessagingException {
        chunking = chunkingOffered && !MessageData.mayReadAsCommands(content);
        String mail = "MAIL FROM:<" + from + ">";
        command(mail);
        String[] rcpt = new String[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            rcpt[i] = "RCPT TO:<" + ((InternetAddress) recipients[i]).getAddress() + ">";
            command(rcpt[i]);
        }
        String data = chunking ? "BDAT " + MessageData.chunkSize(content) + " LAST" : "DATA";
        command(data);
        if (chunking) {
            MessageData.chunk(content, out);
        }
        out.flush();

        SmtpReply mailReply = reply(mail, false);
        if (!mailReply.positive()) {
            throw mailRefused(mail, from, mailReply, recipients);
        }
        dataStarted = chunking;
        RecipientReplies outcome = new RecipientReplies();
        for (int i = 0; i < recipients.length; i++) {
            SmtpReply r = reply(rcpt[i], false);
            outcome.add((InternetAddress) recipients[i], rcpt[i], r);
        }
        SmtpReply dataReply = reply(data, !chunking);
        if (outcome.valid.isEmpty()) {
            endRefused(dataReply);
            throw new SendFailedException("Invalid Addresses", outcome.chain, null, outcome.validUnsent(),
                    outcome.invalid());
        }
        if (chunking) {
            if (!dataReply.positive()) {
                throw refused(data, dataReply, outcome);
            }
        } else {
            if (dataReply.code() != 354) {
                rset();
                throw refused(data, dataReply, outcome);
            }
            dataStarted = true;
            MessageData.dotStuffed(content, out);
            trace("C: <message content>\r\nC: .");
            out.flush();
            SmtpReply end = reply(".", false);
            if (!end.positive()) {
                throw refused(".", end, outcome);
            }
        }
        if (!outcome.invalid.isEmpty() || !outcome.unsent.isEmpty()) {
            throw new SMTPSendFailedException(".", lastReply.code(), lastReply.text(), outcome.chain,
                    outcome.valid.toArray(Address[]::new), outcome.validUnsent(), outcome.invalid());
        }
    }

    private MessagingException mailRefused(String mail, String from, SmtpReply reply, Address[] recipients)
            throws IOException, MessagingException {
        boolean recipientTaken = false;
        for (int i = 0; i < recipients.length; i++) {
            recipientTaken |= reply("RCPT TO", false).positive();
        }
        SmtpReply dataReply = reply(chunking ? "BDAT" : "DATA", !chunking);
        if (recipientTaken && dataReply.code() == 354) {
            inStep = false;
        } else {
            endRefused(dataReply);
        }
        SMTPSendFailedException e = new SMTPSendFailedException(mail, reply.code(), reply.text(), null, null,
                recipients, null);
        if (reply.code() >= 500) {
            try {
                e.setNextException(new SMTPSenderFailedException(new InternetAddress(from), mail, reply.code(),
                        reply.text()));
            } catch (jakarta.mail.internet.AddressException ignored) {
                // The sender address was checked when the message was built.
            }
        }
        return e;
    }

    /** Ends a transaction that will not be delivered: a single dot if DATA was accepted anyway, then RSET. */
    private void endRefused(SmtpReply dataReply) throws IOException, MessagingException {
        if (!chunking && dataReply.code() == 354) {
            MessageData.endOfData(out);
            trace("C: .");
            out.flush();
            reply(".", false);
        }
        rset();
    }

    private void rset() throws IOException {
        if (!inStep) {
            return;
        }
        command("RSET");
        out.flush();
        SmtpReply r = readReply();
        if (!r.positive()) {
            inStep = false;
        }
    }

    private SMTPSendFailedException refused(String command, SmtpReply reply, RecipientReplies outcome) {
        Address[] unsent = outcome.allValid();
        return new SMTPSendFailedException(command, reply.code(), reply.text(), outcome.chain, null, unsent,
                outcome.invalid());
    }

    /**
     * The next reply, which must be a refusal or what the command expects: 250-class, or 354 for DATA. Anything
     * else means server and client disagree about where they are.
     */
    private SmtpReply reply(String command, boolean expects354) throws IOException, MessagingException {
        SmtpReply r = readReply();
        lastReply = r;
        boolean expected = expects354 ? r.code() == 354 : r.positive();
        if (!expected && !r.refusal()) {
            throw new ProtocolException("the server answered " + SmtpFailures.oneLine(r.text()) + " to "
                    + verb(command) + ", out of step with the commands sent");
        }
        if (r.closing()) {
            inStep = false;
            dataStarted = false;
            throw new SMTPSendFailedException(command, r.code(), r.text(), null, null, null, null);
        }
        return r;
    }

    private SmtpReply readReply() throws IOException {
        SmtpReply r = in.read();
        trace.ifPresent(t -> t.println("S: " + r.text()));
        return r;
    }

    private void command(String line) {
        out.command(line);
        trace("C: " + line);
    }

    private void trace(String line) {
        trace.ifPresent(t -> t.println(line));
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        int colon = command.indexOf(':');
        int end = colon > 0 ? colon : space > 0 ? space : command.length();
        return command.substring(0, end);
    }

    private static byte[] render(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try {
            message.writeTo(bytes, NOT_SENT);
        } catch (IOException e) {
            throw new MessagingException("cannot render the message", e);
        }
        return bytes.toByteArray();
    }

    /** Whether the connection can carry another transaction: every reply read, nothing unexpected left. */
    boolean inStep() {
        return inStep;
    }

    /** Whether the last transaction had reached the content (DATA accepted, or a BDAT group taken up). */
    boolean dataStarted() {
        return dataStarted;
    }

    /** The last reply of the last transaction, or null. */
    SmtpReply lastReply() {
        return lastReply;
    }
}
