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
import java.util.ArrayList;
import java.util.List;
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
 * <p>Several messages go in one group ({@link #sendAll}): each message's {@code MAIL}, {@code RCPT} and
 * {@code BDAT ... LAST} with its content after the previous message's, so that a group of messages costs one round
 * trip; a message that needs DATA ends its group (RFC 2920 3.1: DATA is the last command of a group). An RSET goes
 * before every message but the group's first, so that a server which did not end a refused transaction never adds
 * the next message's recipients to it. Each message's replies are read in order and give that message's own
 * outcome; a refused transaction is followed by one RSET at the end of its group.
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
    /** Content written in one group at most, so that a group's replies never wait behind a long write. */
    private static final int GROUP_BYTES = 1 << 20;

    /** One message to send, with its envelope sender and recipients. */
    record Outgoing(MimeMessage mime, String from, Address[] recipients) {
    }

    /**
     * What came of one message.
     *
     * @param failure     null when every recipient accepted the message; otherwise what Angus's
     *                    {@code sendMessage} would have thrown
     * @param lastReply   the last reply of the message's transaction, or null
     * @param dataStarted whether the transaction had reached the content (DATA accepted, or a BDAT group taken up)
     */
    record Sent(MessagingException failure, SmtpReply lastReply, boolean dataStarted) {
    }

    private final CommandWriter out;
    private final ReplyReader in;
    private final boolean chunkingOffered;
    private final Optional<PrintStream> trace;
    /** Whether the message being read goes as BDAT. */
    private boolean chunking;
    private SmtpReply lastReply;
    private boolean dataStarted;
    private boolean needsReset;
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
        Sent sent = sendAll(List.of(new Outgoing(message, from, recipients))).get(0);
        lastReply = sent.lastReply();
        dataStarted = sent.dataStarted();
        if (sent.failure() != null) {
            throw sent.failure();
        }
    }

    /**
     * Sends each message in a transaction of its own, pipelined in as few groups as the content allows.
     *
     * @return one outcome per message, in order; once the connection fails or the server closes it, the messages
     *     not yet answered fail with an {@link IOException} as the cause
     */
    List<Sent> sendAll(List<Outgoing> messages) {
        Sent[] sent = new Sent[messages.size()];
        byte[][] contents = new byte[messages.size()][];
        for (int i = 0; i < contents.length; i++) {
            try {
                contents[i] = render(messages.get(i).mime());
            } catch (MessagingException e) {
                sent[i] = new Sent(e, null, false);
            }
        }
        List<Integer> pending = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (sent[i] == null) {
                pending.add(i);
            }
        }
        for (int start = 0; start < pending.size() && inStep; ) {
            int end = groupEnd(contents, pending, start);
            group(messages, contents, pending.subList(start, end), sent);
            start = end;
        }
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] == null) {
                sent[i] = new Sent(new MessagingException("the connection is out of step with the server and cannot "
                        + "be used", new IOException("not sent: the connection ended before this message")), null, false);
            }
        }
        return List.of(sent);
    }

    /** The end (exclusive) of the group that starts at {@code start}: BDAT messages, then at most one DATA one. */
    private int groupEnd(byte[][] contents, List<Integer> pending, int start) {
        int bytes = 0;
        int end = start;
        while (end < pending.size()) {
            byte[] content = contents[pending.get(end)];
            if (end > start && bytes + content.length > GROUP_BYTES) {
                break;
            }
            bytes += content.length;
            end++;
            if (!chunkable(content)) {
                break;
            }
        }
        return end;
    }

    private boolean chunkable(byte[] content) {
        return chunkingOffered && !MessageData.mayReadAsCommands(content);
    }

    /** Writes the group's commands in one go and reads each message's replies in order. */
    private void group(List<Outgoing> messages, byte[][] contents, List<Integer> group, Sent[] sent) {
        List<Transaction> transactions = new ArrayList<>(group.size());
        int reading = 0;
        needsReset = false;
        try {
            for (int index : group) {
                Transaction t = new Transaction(messages.get(index), contents[index], !transactions.isEmpty());
                t.write();
                transactions.add(t);
            }
            out.flush();
            for (; reading < transactions.size() && inStep; reading++) {
                Transaction t = transactions.get(reading);
                lastReply = null;
                dataStarted = false;
                MessagingException failure = null;
                try {
                    t.read();
                } catch (MessagingException e) {
                    failure = e;
                }
                sent[group.get(reading)] = new Sent(failure, lastReply, dataStarted);
            }
            if (inStep && in.hasUnread()) {
                inStep = false;
            }
            if (needsReset) {
                rset();
            }
        } catch (IOException e) {
            inStep = false;
            for (int i = reading; i < group.size(); i++) {
                sent[group.get(i)] = new Sent(new MessagingException("the connection failed during the mail "
                        + "transaction: " + e.getMessage(), e), i == reading ? lastReply : null,
                        i == reading && dataStarted);
            }
        }
    }

    /** One message's transaction within a group. */
    private final class Transaction {
        private final Outgoing message;
        private final byte[] content;
        private final boolean afterAnother;
        private final boolean chunked;
        private final String mail;
        private final String[] rcpt;
        private final String data;

        Transaction(Outgoing message, byte[] content, boolean afterAnother) {
            this.message = message;
            this.content = content;
            this.afterAnother = afterAnother;
            this.chunked = chunkable(content);
            this.mail = "MAIL FROM:<" + message.from() + ">";
            this.rcpt = new String[message.recipients().length];
            for (int i = 0; i < rcpt.length; i++) {
                rcpt[i] = "RCPT TO:<" + ((InternetAddress) message.recipients()[i]).getAddress() + ">";
            }
            this.data = chunked ? "BDAT " + MessageData.chunkSize(content) + " LAST" : "DATA";
        }

        void write() {
            if (afterAnother) {
                command("RSET");
            }
            command(mail);
            for (String r : rcpt) {
                command(r);
            }
            command(data);
            if (chunked) {
                MessageData.chunk(content, out);
            }
        }

        void read() throws IOException, MessagingException {
            chunking = chunked;
            if (afterAnother && !readReply().positive()) {
                inStep = false;
                throw new ProtocolException("the server refused RSET between two messages");
            }
            Address[] recipients = message.recipients();
            SmtpReply mailReply = reply(mail, false);
            if (!mailReply.positive()) {
                throw mailRefused(mail, message.from(), mailReply, recipients);
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
                    needsReset = true;
                    throw refused(data, dataReply, outcome);
                }
            } else {
                if (dataReply.code() != 354) {
                    needsReset = true;
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

    /**
     * Ends a transaction that will not be delivered: a single dot if DATA was accepted anyway; an RSET follows at the
     * end of the group.
     */
    private void endRefused(SmtpReply dataReply) throws IOException, MessagingException {
        if (!chunking && dataReply.code() == 354) {
            MessageData.endOfData(out);
            trace("C: .");
            out.flush();
            reply(".", false);
        }
        needsReset = true;
    }

    private void rset() throws IOException {
        needsReset = false;
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
