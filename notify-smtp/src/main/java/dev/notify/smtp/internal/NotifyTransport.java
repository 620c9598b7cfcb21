package dev.notify.smtp.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An SMTP connection. Angus's transport opens it: TCP, TLS or STARTTLS with certificate and host name checks,
 * EHLO and AUTH. When the server then offers PIPELINING (and the settings allow it), notify's own
 * {@link PipelinedTransaction} carries each message on the same socket, between Angus's commands, at points
 * where neither side has unread bytes; otherwise Angus's {@code sendMessage} does, one command at a time. It
 * remembers what a check reports and a failure needs: the server's greeting, its extensions before and after
 * STARTTLS, and whether the message data had started to go out.
 *
 * <p>Not threadsafe beyond what {@link SMTPTransport} synchronizes: one thread uses it at a time.
 */
final class NotifyTransport extends SMTPTransport {

    /**
     * What a connection needs to pipeline.
     *
     * @param socket         the connection's socket, told by the session's socket factories
     * @param writeDeadlines aborts a write that blocks longer than {@code writeTimeout}
     * @param trace          protocol trace (commands and replies, never content or credentials)
     */
    record Pipelining(ConnectionSocket socket, ScheduledExecutorService writeDeadlines, Duration writeTimeout,
            Optional<PrintStream> trace) {
    }

    private final Pipelining pipelining;
    private PipelinedTransaction pipelined;
    private String greeting;
    private String firstEhlo;
    private String lastEhlo;
    private boolean dataStarted;

    /** A connection that sends one command at a time. */
    NotifyTransport(Session session) {
        this(session, null);
    }

    /** A connection that pipelines when the server offers PIPELINING; {@code pipelining} null: never. */
    NotifyTransport(Session session, Pipelining pipelining) {
        super(session, new URLName("smtp", null, -1, null, null, null));
        this.pipelining = pipelining;
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        boolean connected = super.protocolConnect(host, port, user, password);
        if (connected && pipelining != null && supportsExtension("PIPELINING")) {
            Socket socket = pipelining.socket().get();
            try {
                pipelined = new PipelinedTransaction(
                        new CommandWriter(socket, socket.getOutputStream(), pipelining.writeDeadlines(),
                                pipelining.writeTimeout()),
                        new ReplyReader(socket.getInputStream()), supportsExtension("CHUNKING"),
                        pipelining.trace());
            } catch (IOException e) {
                throw new MessagingException("cannot use the connection to " + host + ":" + port, e);
            }
        }
        return connected;
    }

    /**
     * Sends one message to {@code recipients} with {@code from} as the envelope sender: in one pipelined group
     * when the connection pipelines, else with Angus's {@code sendMessage} (which takes the envelope sender from
     * the From field, the same address).
     *
     * @throws MessagingException as {@link SMTPTransport#sendMessage} does
     */
    void send(MimeMessage message, String from, Address[] recipients) throws MessagingException {
        if (pipelined == null) {
            sendMessage(message, recipients);
        } else {
            pipelined.send(message, from, recipients);
        }
    }

    /**
     * Sends each message in a transaction of its own: pipelined in groups when the connection pipelines (one round
     * trip for a group of BDAT messages), else one after another with {@link #send}. Once the connection is lost,
     * the messages not yet sent fail with the cause.
     *
     * @return one outcome per message, in order
     */
    List<PipelinedTransaction.Sent> sendAll(List<PipelinedTransaction.Outgoing> messages) {
        if (pipelined != null) {
            return pipelined.sendAll(messages);
        }
        List<PipelinedTransaction.Sent> sent = new ArrayList<>(messages.size());
        boolean connected = true;
        for (PipelinedTransaction.Outgoing message : messages) {
            dataStarted = false;
            MessagingException failure = null;
            if (connected) {
                try {
                    sendMessage(message.mime(), message.recipients());
                } catch (MessagingException e) {
                    failure = e;
                } catch (IllegalStateException e) {
                    connected = false;
                }
            }
            if (!connected) {
                failure = new MessagingException("not sent: the connection ended before this message",
                        new EOFException("the server closed the connection"));
            }
            String response = super.getLastServerResponse();
            sent.add(new PipelinedTransaction.Sent(failure,
                    response == null ? null : new SmtpReply(super.getLastReturnCode(), response), dataStarted));
        }
        return sent;
    }

    /** Whether the connection pipelines. */
    boolean pipelines() {
        return pipelined != null;
    }

    /** Whether the connection may carry another message: false once client and server may be out of step. */
    boolean inStep() {
        return pipelined == null || pipelined.inStep();
    }

    /** Closes the connection; one out of step with the server is cut without QUIT, which could be read as data. */
    @Override
    public synchronized void close() throws MessagingException {
        if (!inStep()) {
            try {
                pipelining.socket().get().close();
            } catch (IOException e) {
                // Closing a connection that is being discarded.
            }
        }
        super.close();
    }

    @Override
    public synchronized String getLastServerResponse() {
        SmtpReply last = pipelined == null ? null : pipelined.lastReply();
        return last == null ? super.getLastServerResponse() : last.text();
    }

    @Override
    public synchronized int getLastReturnCode() {
        SmtpReply last = pipelined == null ? null : pipelined.lastReply();
        return last == null ? super.getLastReturnCode() : last.code();
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        if (greeting == null) {
            greeting = getLastServerResponse();
        }
        return code;
    }

    @Override
    protected boolean ehlo(String domain) throws MessagingException {
        boolean ok = super.ehlo(domain);
        if (firstEhlo == null) {
            firstEhlo = getLastServerResponse();
        }
        lastEhlo = getLastServerResponse();
        return ok;
    }

    @Override
    protected OutputStream data() throws MessagingException {
        dataStarted = true;
        return super.data();
    }

    /** Resets the per-message state before a send. */
    void beforeSend() {
        dataStarted = false;
    }

    /** Whether the message content had started to go out in the last send. */
    boolean dataStarted() {
        return pipelined == null ? dataStarted : pipelined.dataStarted();
    }

    /** The greeting line(s), or null before the connection. */
    String greeting() {
        return greeting;
    }

    /** Whether the server's first EHLO reply offered STARTTLS; false before EHLO. */
    boolean offeredStartTls() {
        return firstEhlo != null && firstEhlo.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\b250[- ]STARTTLS\\b.*");
    }

    /** Whether the server has replied to EHLO. */
    boolean ehloDone() {
        return firstEhlo != null;
    }

    /** The latest EHLO reply (after STARTTLS when there was one), or null. */
    String lastEhlo() {
        return lastEhlo;
    }
}
