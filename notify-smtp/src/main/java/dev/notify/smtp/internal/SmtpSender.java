package dev.notify.smtp.internal;

import dev.notify.CheckReport;
import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.RejectedRecipient;
import dev.notify.Scheduler;
import dev.notify.message.EmailMessage;
import dev.notify.microsoft.AppTokenSource;
import dev.notify.microsoft.MicrosoftTrust;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.Delivery;
import dev.notify.spi.EmailSender;
import dev.notify.spi.SendOutcome;
import dev.notify.spi.SenderContext;
import dev.notify.spi.TrustStores;
import dev.notify.smtp.SmtpPipelining;
import dev.notify.smtp.SmtpSettingKeys;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers email over SMTP with one set of settings, through a pool of open connections. One {@link #send} is
 * one delivery attempt; it repeats connecting when a pooled connection turns out to have been dropped before the
 * message went out, and, when the server accepted some recipients and answered {@code 452} (too many recipients)
 * to others, it sends the message to those in further transactions on the same connection, with the same
 * Message-ID, until a transaction accepts none of them (RFC 5321 4.5.3.1.10).
 *
 * <p>This class is threadsafe.
 */
public final class SmtpSender implements EmailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);

    private final SmtpConfig config;
    private final SSLContext tls;
    private final SenderOptions options;
    private final Session session;
    private final AppTokenSource tokens;
    private final SmtpFailures failures;
    private final MimeBuilder mime;
    private final ConnectionPool pool;
    private final WriteDeadlines writeDeadlines;
    private final DkimSetup dkim;

    private SmtpSender(SmtpConfig config, SSLContext tls, SenderOptions options, AppTokenSource tokens,
            DkimSetup dkim, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.dkim = dkim;
        this.tls = tls;
        this.options = options;
        this.tokens = tokens;
        this.writeDeadlines = new WriteDeadlines(config.writeTimeout());
        this.session = MailSessions.create(config, tls, options.debugOut(), socket -> { },
                Optional.of(writeDeadlines));
        this.failures = new SmtpFailures(config);
        this.mime = new MimeBuilder(clock);
        this.pool = new ConnectionPool(this::connect, config.maxConnections(), config.connectTimeout(),
                config.idleTimeout(), options.validateAfterIdle(), options.nanoTime(), scheduler, config.address());
    }

    /**
     * A sender for the context's valid settings; reads the trust store, the client certificate and the DKIM keys,
     * connects nothing, starts no thread. For xoauth2, tokens for {@code email.smtp.auth.scope} come from the app
     * registration's {@link AppTokenSource}, whose login host is verified against {@code email.graph.trust-store}
     * (or the JVM's default trust store). Dates, DKIM signatures and token lifetimes take the time from the
     * context's clock; the pool's idle sweep runs on the context's scheduler.
     *
     * @throws dev.notify.SettingsException when a file or key named by the settings cannot be used
     */
    public static SmtpSender create(SenderContext context, SenderOptions options) {
        ResolvedSettings settings = context.settings();
        Clock clock = context.clock();
        SmtpConfig config = SmtpConfig.from(settings);
        SSLContext tls = TrustStores.Trust.fromSettings(settings, SmtpSettingKeys.TRUST_STORE,
                SmtpSettingKeys.TRUST_STORE_PASSWORD, TrustStores.Trust.jvmDefault()).sslContext();
        DkimSetup dkim = DkimSetup.forSender(settings, clock);
        dkim.warnings().forEach(LOG::warn);
        AppTokenSource tokens = config.xoauth2() ? AppTokenSource.create(settings, SmtpSettingKeys.AUTH_SCOPE,
                MicrosoftTrust.fromSettings(settings, MicrosoftTrust.jvmDefault()), clock) : null;
        return new SmtpSender(config, tls, options, tokens, dkim, clock, context.scheduler());
    }

    @Override
    public Delivery send(EmailMessage email) {
        return sendAll(List.of(email)).get(0).get();
    }

    /**
     * Sends the messages on one connection: pipelined in groups when the server offers PIPELINING and CHUNKING (one
     * round trip for a group), one transaction after another otherwise. Each message's outcome is its own, as
     * {@link #send} would have returned or thrown it.
     */
    @Override
    public List<SendOutcome> sendQueued(List<EmailMessage> messages) {
        return sendAll(messages);
    }

    private List<SendOutcome> sendAll(List<EmailMessage> emails) {
        SendOutcome[] outcomes = new SendOutcome[emails.size()];
        List<Prepared> prepared = new ArrayList<>(emails.size());
        List<Integer> positions = new ArrayList<>(emails.size());
        for (int i = 0; i < outcomes.length; i++) {
            try {
                prepared.add(prepare(emails.get(i)));
                positions.add(i);
            } catch (RuntimeException e) {
                outcomes[i] = new SendOutcome.Failed(e);
            }
        }
        if (!prepared.isEmpty()) {
            List<SendOutcome> sent = deliver(prepared);
            for (int i = 0; i < sent.size(); i++) {
                outcomes[positions.get(i)] = sent.get(i);
            }
        }
        return List.of(outcomes);
    }

    /** A message ready for the wire: its MIME content (signed when DKIM is on) and its envelope. */
    private record Prepared(MimeMessage content, String from, InternetAddress[] recipients, String messageId) {

        PipelinedTransaction.Outgoing to(Address[] recipients) {
            return new PipelinedTransaction.Outgoing(content, from, recipients);
        }
    }

    private Prepared prepare(EmailMessage email) {
        MimeMessage content;
        try {
            content = mime.build(email, session);
            if (dkim.enabled()) {
                content = SignedMimeMessage.sign(content, dkim.signersFor(email.from().orElseThrow()), session);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the MIME message for " + email + ": " + e.getMessage(), e);
        }
        return new Prepared(content, email.from().orElseThrow().asciiAddress(), MimeBuilder.envelope(email),
                messageId(content));
    }

    /**
     * Sends the prepared messages on one pooled connection; a pooled connection that turns out to have been dropped
     * before anything went out is replaced once.
     */
    private List<SendOutcome> deliver(List<Prepared> prepared) {
        List<PipelinedTransaction.Outgoing> outgoing = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            outgoing.add(p.to(p.recipients()));
        }
        PooledConnection connection;
        try {
            connection = pool.acquire();
        } catch (RuntimeException e) {
            return failedAll(prepared.size(), e);
        }
        boolean reusable = false;
        try {
            List<PipelinedTransaction.Sent> sent = connection.transport().sendAll(outgoing);
            if (connection.reused() && droppedBeforeData(sent.get(0))) {
                LOG.debug("Pooled connection to {} was dropped; reconnecting", config.address());
                try {
                    connection = pool.reopen(connection);
                } catch (RuntimeException e) {
                    connection = null;
                    return failedAll(prepared.size(), e);
                }
                sent = connection.transport().sendAll(outgoing);
            }
            List<SendOutcome> outcomes = new ArrayList<>(prepared.size());
            boolean failed = false;
            for (int i = 0; i < prepared.size(); i++) {
                SendOutcome outcome = settle(prepared.get(i), sent.get(i), connection.transport());
                failed |= outcome instanceof SendOutcome.Failed;
                outcomes.add(outcome);
            }
            NotifyTransport transport = connection.transport();
            reusable = transport.inStep() && (transport.pipelines() || !failed);
            return outcomes;
        } finally {
            if (connection != null) {
                pool.release(connection, reusable);
            }
        }
    }

    private static List<SendOutcome> failedAll(int count, RuntimeException failure) {
        List<SendOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outcomes.add(new SendOutcome.Failed(failure));
        }
        return outcomes;
    }

    /**
     * One message's outcome from its transaction: when the server accepted some recipients and answered 452 (too
     * many recipients) to others, the message goes to those in further transactions on the same connection, with
     * the same Message-ID, until a transaction accepts none of them (RFC 5321 4.5.3.1.10).
     */
    private SendOutcome settle(Prepared message, PipelinedTransaction.Sent sent, NotifyTransport transport) {
        List<String> accepted = new ArrayList<>();
        List<RejectedRecipient> rejected = new ArrayList<>();
        Address[] pending = message.recipients();
        while (true) {
            MessagingException e = sent.failure();
            if (e == null) {
                addAll(accepted, pending);
                return delivered(message.messageId(), accepted, rejected, sent.lastReply());
            }
            Address[] valid = e instanceof SendFailedException f ? f.getValidSentAddresses() : null;
            if (valid != null && valid.length > 0) {
                addAll(accepted, valid);
                pending = tooManyRecipients(SmtpFailures.rejectedRecipients((SendFailedException) e), rejected,
                        message.recipients());
                if (pending.length == 0) {
                    return delivered(message.messageId(), accepted, rejected, sent.lastReply());
                }
                LOG.debug("{} accepted {} recipient(s) of {} and asked for a new transaction for {} more",
                        config.address(), valid.length, message.messageId(), pending.length);
                sent = transport.sendAll(List.of(message.to(pending))).get(0);
                continue;
            }
            DeliveryException failure = failures.sending(e, sent.lastReply(), sent.dataStarted());
            if (accepted.isEmpty()) {
                return new SendOutcome.Failed(failure);
            }
            rejected.addAll(SmtpFailures.refusedWith(failure, pending));
            return delivered(message.messageId(), accepted, rejected, sent.lastReply());
        }
    }

    /**
     * Sorts the recipients a transaction refused: those answered 452 (too many recipients, RFC 5321 4.5.3.1.10)
     * are returned, to go in the next transaction on the same connection; the others are final and go to
     * {@code rejected}.
     */
    private static Address[] tooManyRecipients(List<RejectedRecipient> refused, List<RejectedRecipient> rejected,
            InternetAddress[] recipients) {
        Map<String, InternetAddress> byAddress = new HashMap<>();
        for (InternetAddress a : recipients) {
            byAddress.put(a.getAddress(), a);
        }
        List<Address> next = new ArrayList<>();
        for (RejectedRecipient r : refused) {
            InternetAddress address = byAddress.get(r.address());
            if (r.replyCode() == 452 && address != null) {
                next.add(address);
            } else {
                rejected.add(r);
            }
        }
        return next.toArray(Address[]::new);
    }

    private static void addAll(List<String> addresses, Address[] from) {
        for (Address a : from) {
            addresses.add(((InternetAddress) a).getAddress());
        }
    }

    private static boolean droppedBeforeData(PipelinedTransaction.Sent sent) {
        if (sent.failure() == null || sent.dataStarted()) {
            return false;
        }
        MessagingException e = sent.failure();
        for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                && m.getNextException() != m ? m.getNextException() : t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            int code = t instanceof SMTPSenderFailedException f ? f.getReturnCode()
                    : t instanceof SMTPSendFailedException f ? f.getReturnCode() : 0;
            if (code == -1 || code == 421) {
                return true;
            }
        }
        int code = sent.lastReply() == null ? -1 : sent.lastReply().code();
        return code == 421 || code == -1;
    }

    private SendOutcome delivered(String messageId, List<String> accepted, List<RejectedRecipient> rejected,
            SmtpReply lastReply) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("smtp.server", config.address());
        String response = lastReply == null ? null : SmtpFailures.oneLine(lastReply.text());
        if (response != null) {
            details.put("smtp.response", response);
        }
        return new SendOutcome.Delivered(new Delivery(messageId, accepted, rejected, details));
    }

    private static String messageId(MimeMessage content) {
        try {
            return content.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException("the message has no Message-ID", e);
        }
    }

    /**
     * Opens and authenticates a new connection, with a session of its own so that its socket factories tell
     * this connection's sockets.
     */
    private NotifyTransport connect() {
        ConnectionSocket socket = new ConnectionSocket();
        Session own = MailSessions.create(config, tls, options.debugOut(), socket, Optional.of(writeDeadlines));
        NotifyTransport transport = new NotifyTransport(own, config.pipelining() == SmtpPipelining.OFF ? null
                : new NotifyTransport.Pipelining(socket, writeDeadlines, config.writeTimeout(), options.debugOut()));
        connect(transport);
        return transport;
    }

    /** Connects and logs in; an XOAUTH2 token the server refuses is renewed once ({@link AppTokenSource#useRenewingOnce}). */
    void connect(NotifyTransport transport) {
        if (tokens == null) {
            connect(transport, config.auth() ? config.password().reveal() : null);
        } else {
            tokens.useRenewingOnce(token -> {
                connect(transport, token.value());
                return transport;
            }, "the SMTP server at " + config.address(), "SMTP.SendAsApp and a service principal with access to "
                    + "the mailbox " + config.username());
        }
    }

    private void connect(NotifyTransport transport, String credential) {
        try {
            if (config.auth()) {
                transport.connect(config.host(), config.port(), config.username(), credential);
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
        } catch (MessagingException e) {
            if (e instanceof AuthenticationFailedException && tokens != null) {
                throw new AppTokenSource.Refused(String.valueOf(e.getMessage()).strip(), e);
            }
            NotifyException failure = failures.connecting(e, transport);
            LOG.debug("Connecting to {} failed: {}", config.address(), failure.getMessage());
            throw failure;
        }
    }

    private String credential() {
        return tokens != null ? tokens.token().value() : config.password().reveal();
    }

    @Override
    public CheckReport check() {
        return new SmtpProbe(config, tls, options, failures, this::credential, dkim).run();
    }

    @Override
    public void close() {
        pool.close();
        writeDeadlines.shutdownNow();
    }

    @Override
    public String toString() {
        return "SmtpSender[" + config + "]";
    }
}
