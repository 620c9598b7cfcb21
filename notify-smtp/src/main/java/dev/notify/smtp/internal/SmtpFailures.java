package dev.notify.smtp.internal;

import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.PermanentDeliveryException;
import dev.notify.Problem;
import dev.notify.RejectedRecipient;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Turns Jakarta Mail's exceptions into notify's failure classes: reply 4xx, lost connections and timeouts are
 * transient; 5xx permanent; a refused login, missing STARTTLS or an unverifiable certificate are settings
 * problems, named by key. Messages carry server replies and host names, never credentials.
 */
final class SmtpFailures {

    private static final String REFUSED = "refused by the server";
    private static final int SAMPLE = 3;
    private static final Pattern REPLY_CODE = Pattern.compile("(?m)^[2-5]\\d\\d(?:[ -]|$)");

    private final SmtpConfig config;

    SmtpFailures(SmtpConfig config) {
        this.config = config;
    }

    /** A failure while connecting, TLS or AUTH included. */
    NotifyException connecting(MessagingException e, NotifyTransport transport) {
        if (e instanceof AuthenticationFailedException) {
            return authenticationFailed(e);
        }
        if (config.tls() == TlsMode.STARTTLS && transport.ehloDone()
                && !transport.offeredStartTls()) {
            return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.TLS),
                    "the server at " + config.address() + " does not offer STARTTLS, which email.smtp.tls=starttls "
                            + "requires; nothing was sent. Use email.smtp.tls=implicit if the port speaks SMTPS "
                            + "(usually 465), or fix the server; a man in the middle can also strip STARTTLS")));
        }
        SettingsException mismatch = tlsPortMismatch(e, transport);
        if (mismatch != null) {
            return mismatch;
        }
        SettingsException tls = tlsProblem(e);
        if (tls != null) {
            return tls;
        }
        int code = replyCode(e, transport);
        if (code >= 400) {
            String reply = reply(transport);
            return byCode(code, "the server at " + config.address() + " refused the connection: " + reply, e);
        }
        return transient_("cannot connect to " + config.address() + ": " + describeIo(e), e);
    }

    /** A failure after the connection was made, during the mail transaction. */
    DeliveryException sending(MessagingException e, NotifyTransport transport) {
        return sending(e, transport.getLastReturnCode(), transport.getLastServerResponse(), transport.dataStarted());
    }

    /**
     * A failure of one message's transaction among several on a connection.
     *
     * @param lastReply   the last reply of that message's transaction, or null
     * @param dataStarted whether its content had started to go out
     */
    DeliveryException sending(MessagingException e, SmtpReply lastReply, boolean dataStarted) {
        return lastReply == null ? sending(e, -1, null, dataStarted)
                : sending(e, lastReply.code(), lastReply.text(), dataStarted);
    }

    private DeliveryException sending(MessagingException e, int lastCode, String lastResponse, boolean dataStarted) {
        List<RejectedRecipient> rejected = rejectedRecipients(e);
        if (!rejected.isEmpty() && !(e instanceof SMTPSendFailedException sfe && sfe.getReturnCode() >= 400)) {
            boolean anyTransient = rejected.stream().anyMatch(RejectedRecipient::transientFailure);
            String text = "the server at " + config.address() + " refused every recipient: " + sample(rejected);
            DeliveryException.Details details = DeliveryException.Details.of().rejectedRecipients(rejected)
                    .replyCode(rejected.get(0).replyCode());
            return anyTransient ? new TransientDeliveryException(text, details, e)
                    : new PermanentDeliveryException(text, details, e);
        }
        int code = replyCode(e, lastCode);
        if (code >= 400) {
            String reply = e instanceof SMTPSendFailedException || e instanceof SMTPSenderFailedException
                    ? oneLine(e.getMessage()) : oneLine(lastResponse);
            return byCode(code, "the server at " + config.address() + " refused the message: " + reply, e);
        }
        return transient_("the connection to " + config.address() + " failed while sending"
                + (dataStarted ? " the message (it may or may not have been delivered)" : "")
                + ": " + describeIo(e), e);
    }

    /** The first few refusals, so that a message stays short however many recipients there were. */
    private static String sample(List<RejectedRecipient> rejected) {
        String shown = rejected.stream().limit(SAMPLE).map(RejectedRecipient::toString)
                .collect(Collectors.joining(", "));
        return rejected.size() <= SAMPLE ? shown : shown + " and " + (rejected.size() - SAMPLE) + " more";
    }

    /** The recipients refused individually, from the exception chain of a (partial) send. */
    static List<RejectedRecipient> rejectedRecipients(MessagingException e) {
        List<RejectedRecipient> out = new ArrayList<>();
        Exception next = e;
        while (next instanceof MessagingException m) {
            if (m instanceof SMTPAddressFailedException af) {
                int code = af.getReturnCode();
                String reason = replyText(af.getMessage());
                out.add(new RejectedRecipient(af.getAddress().getAddress(), code,
                        reason.isEmpty() ? REFUSED : reason, code >= 400 && code < 500));
            }
            Exception chained = m.getNextException();
            next = chained == m ? null : chained;
        }
        if (out.isEmpty() && e instanceof SendFailedException sfe) {
            addAll(out, sfe.getInvalidAddresses(), false);
        }
        return out;
    }

    /**
     * The recipients of a transaction that failed as a whole, after an earlier transaction of the same send was
     * accepted: each with its own reply when the server refused it at RCPT, else with the failure's.
     */
    static List<RejectedRecipient> refusedWith(DeliveryException failure, Address[] recipients) {
        if (!failure.rejectedRecipients().isEmpty()) {
            return failure.rejectedRecipients();
        }
        int code = failure.replyCode().orElse(0);
        List<RejectedRecipient> out = new ArrayList<>();
        for (Address a : recipients) {
            out.add(new RejectedRecipient(((InternetAddress) a).getAddress(), code, failure.getMessage(),
                    failure.isTransient()));
        }
        return out;
    }

    private static void addAll(List<RejectedRecipient> out, Address[] addresses, boolean transientFailure) {
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(new RejectedRecipient(a.toString(), 0, REFUSED, transientFailure));
            }
        }
    }

    private SettingsException authenticationFailed(MessagingException e) {
        String user = config.username();
        String reply = oneLine(e.getMessage());
        String fix = config.xoauth2()
                ? "check that the app registration (" + config.key(MicrosoftIdentityKeys.CLIENT_ID)
                        + ") has SMTP.SendAsApp and a service principal with access to this mailbox"
                : "check " + config.key(SmtpSettingKeys.AUTH_PASSWORD);
        return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.AUTH_USERNAME),
                "authentication failed for user " + user + " at " + config.address()
                        + (reply == null || reply.isBlank() ? "" : " (" + reply + ")") + "; " + fix)), null, null, e);
    }

    /**
     * Implicit TLS against a port that speaks plain SMTP first (the handshake reads a plain-text greeting), or a
     * plain or STARTTLS client against an implicit-TLS port (no greeting, and the server answered a TLS
     * ClientHello): a settings error naming the TLS mode and the port, not a failure to retry.
     */
    private SettingsException tlsPortMismatch(MessagingException e, NotifyTransport transport) {
        String tlsKey = config.key(SmtpSettingKeys.TLS);
        String portKey = config.key(SmtpSettingKeys.PORT);
        if (config.tls() == TlsMode.IMPLICIT) {
            SSLException ssl = find(e, SSLException.class);
            String text = ssl == null ? "" : String.valueOf(ssl.getMessage()).toLowerCase(Locale.ROOT);
            if (!text.contains("unrecognized ssl message") && !text.contains("plaintext connection")) {
                return null;
            }
            return tlsPortMismatch("the server at " + config.address() + " answered the TLS handshake in plain "
                    + "text: port " + config.port() + " does not speak implicit TLS, which " + tlsKey
                    + "=implicit expects; nothing was sent. Set " + tlsKey + "=starttls (or none) for this port, or "
                    + "set " + portKey + " to the server's implicit-TLS port (usually 465)", e);
        }
        if (transport.greeting() != null || find(e, SmtpsDetectingSocket.ImplicitTlsPortException.class) == null) {
            return null;
        }
        return tlsPortMismatch("the server at " + config.address() + " sent no SMTP greeting within "
                + config.readTimeout().toMillis() + " ms but answered a TLS handshake: port " + config.port()
                + " speaks implicit TLS (SMTPS), which " + tlsKey + "=" + config.tls().id() + " does not expect; "
                + "nothing was sent. Set " + tlsKey + "=implicit for this port, or set " + portKey
                + " to the server's STARTTLS port (usually 587)", e);
    }

    private SettingsException tlsPortMismatch(String text, MessagingException cause) {
        return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.TLS), text)), null, null, cause);
    }

    private SettingsException tlsProblem(MessagingException e) {
        SSLException ssl = find(e, SSLException.class);
        if (ssl == null) {
            return null;
        }
        Throwable certificate = find(e, CertificateException.class);
        if (certificate == null) {
            certificate = find(e, GeneralSecurityException.class);
        }
        String text = String.valueOf(certificate == null ? ssl.getMessage() : certificate.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("subject alternative") || lower.contains("no name matching")
                || lower.contains("server identity")) {
            return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.HOST),
                    "the certificate of " + config.address() + " is not issued for '" + config.host() + "': "
                            + text + "; set " + config.key(SmtpSettingKeys.HOST)
                            + " to a name the certificate lists")), null, null, e);
        }
        if (certificate != null) {
            return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.TRUST_STORE),
                    "the certificate of " + config.address() + " is not trusted: " + oneLine(text)
                            + "; for a private CA set " + config.key(SmtpSettingKeys.TRUST_STORE)
                            + " to a trust store holding it")), null, null, e);
        }
        if (ssl instanceof SSLHandshakeException && lower.contains("protocol")) {
            return new SettingsException(List.of(new Problem(config.key(SmtpSettingKeys.TLS),
                    "no common TLS version with " + config.address() + " (TLS 1.2 is the minimum): " + text)),
                    null, null, e);
        }
        return null;
    }

    private DeliveryException byCode(int code, String text, Exception cause) {
        DeliveryException.Details details = DeliveryException.Details.of().replyCode(code);
        return code >= 500 ? new PermanentDeliveryException(text, details, cause)
                : new TransientDeliveryException(text, details, cause);
    }

    private static TransientDeliveryException transient_(String text, Exception cause) {
        return new TransientDeliveryException(text, DeliveryException.Details.of(), cause);
    }

    private static int replyCode(MessagingException e, NotifyTransport transport) {
        return replyCode(e, transport.getLastReturnCode());
    }

    private static int replyCode(MessagingException e, int last) {
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException s) {
            return s.getReturnCode();
        }
        if (ioCause(e) != null) {
            return -1;
        }
        return last >= 400 && last < 600 ? last : -1;
    }

    private static String reply(NotifyTransport transport) {
        return oneLine(transport.getLastServerResponse());
    }

    private String describeIo(MessagingException e) {
        IOException io = ioCause(e);
        if (io instanceof UnknownHostException) {
            return "unknown host '" + config.host() + "' (" + config.key(SmtpSettingKeys.HOST) + ")";
        }
        if (io instanceof SocketTimeoutException) {
            boolean connecting = e instanceof MailConnectException;
            return connecting ? "no connection within " + config.connectTimeout().toMillis() + " ms ("
                    + config.key(SmtpSettingKeys.CONNECT_TIMEOUT) + ")"
                    : "no reply within " + config.readTimeout().toMillis() + " ms ("
                    + config.key(SmtpSettingKeys.READ_TIMEOUT) + ")";
        }
        if (io != null) {
            return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + oneLine(io.getMessage()));
        }
        return oneLine(e.getMessage());
    }

    private static IOException ioCause(Throwable e) {
        return find(e, IOException.class);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            Throwable next = t instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException() : t.getCause();
            t = next == t ? null : next;
        }
        return null;
    }

    /**
     * A server reply without its reply code, on one line: {@code 5.1.1 no such user} for
     * {@code 550 5.1.1 no such user}, for a {@link RejectedRecipient} whose code is kept apart.
     */
    static String replyText(String reply) {
        if (reply == null) {
            return "";
        }
        return oneLine(REPLY_CODE.matcher(reply.strip()).replaceAll(""));
    }

    static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        String stripped = s.strip();
        if (stripped.indexOf('\n') < 0 && stripped.indexOf('\r') < 0) {
            return stripped;
        }
        return stripped.replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    }
}
