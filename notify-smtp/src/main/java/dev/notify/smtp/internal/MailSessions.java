package dev.notify.smtp.internal;

import dev.notify.smtp.TlsMode;
import dev.notify.spi.TrustStores;
import jakarta.mail.Session;
import java.io.PrintStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The Jakarta Mail session for one sender: timeouts, TLS mode, socket factories with TCP_NODELAY, host name
 * verification, AUTH mechanisms, partial sends, and debug output that never shows the AUTH exchange.
 */
final class MailSessions {

    private static final Duration SMTPS_PROBE_MAX = Duration.ofSeconds(2);

    private MailSessions() {
    }

    /**
     * @param sockets        gets every socket the session makes, plain and TLS, in order: the last one is the
     *     connection's
     * @param writeDeadlines the executor of the write timeouts, shared by the sender's connections; empty for
     *     Angus's own (a thread per connection), which suits a one-off connection such as a check
     */
    static Session create(SmtpConfig config, SSLContext tls, Optional<PrintStream> debugOut,
            Consumer<Socket> sockets, Optional<ScheduledExecutorService> writeDeadlines) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.connectiontimeout", millis(config.connectTimeout()));
        p.setProperty("mail.smtp.timeout", millis(config.readTimeout()));
        p.setProperty("mail.smtp.writetimeout", millis(config.writeTimeout()));
        writeDeadlines.ifPresent(executor -> p.put("mail.smtp.executor.writetimeout", executor));
        p.put("mail.smtp.socketFactory", new NoDelaySocketFactory(tls, smtpsProbeTimeout(config.readTimeout()),
                sockets));
        p.setProperty("mail.smtp.socketFactory.fallback", "false");
        p.put("mail.smtp.ssl.socketFactory", new NoDelaySslSocketFactory(tls.getSocketFactory(), sockets::accept));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.ssl.protocols", String.join(" ", TrustStores.clientProtocols(tls)));
        p.setProperty("mail.smtp.ssl.enable", String.valueOf(config.tls() == TlsMode.IMPLICIT));
        p.setProperty("mail.smtp.starttls.enable", String.valueOf(config.tls() == TlsMode.STARTTLS));
        p.setProperty("mail.smtp.starttls.required", String.valueOf(config.tls() == TlsMode.STARTTLS));
        p.setProperty("mail.smtp.auth", String.valueOf(config.auth()));
        if (config.xoauth2()) {
            p.setProperty("mail.smtp.auth.mechanisms", "XOAUTH2");
            p.setProperty("mail.smtp.auth.xoauth2.disable", "false");
        } else {
            p.setProperty("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        }
        p.setProperty("mail.smtp.sendpartial", "true");
        p.setProperty("mail.smtp.quitwait", "false");
        p.setProperty("mail.debug.auth", "false");
        p.setProperty("mail.debug.auth.password", "false");
        Session session = Session.getInstance(p);
        debugOut.ifPresent(out -> {
            session.setDebugOut(out);
            session.setDebug(true);
        });
        return session;
    }

    /**
     * How long a plain connection that got no greeting waits for the answer to a TLS ClientHello: half the read
     * timeout, at most {@link #SMTPS_PROBE_MAX}. A server expecting TLS answers within a round trip.
     */
    private static Duration smtpsProbeTimeout(Duration readTimeout) {
        Duration half = readTimeout.dividedBy(2);
        return half.compareTo(SMTPS_PROBE_MAX) > 0 ? SMTPS_PROBE_MAX : half;
    }

    private static String millis(Duration d) {
        return String.valueOf(Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis())));
    }
}
