package dev.notify.smtp.internal;

import dev.notify.CheckReport;
import dev.notify.NotifyException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.smtp.SmtpPipelining;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The connectivity check: connect, EHLO, STARTTLS, AUTH and QUIT on a connection of its own, sending no mail,
 * and report what was found, with the DKIM identity and whether DNS publishes its keys ({@link DkimCheck}). Failures become the report's failure; nothing is thrown.
 */
final class SmtpProbe {

    private final SmtpConfig config;
    private final SSLContext tls;
    private final SenderOptions options;
    private final SmtpFailures failures;
    private final Supplier<String> credential;
    private final DkimSetup dkim;

    SmtpProbe(SmtpConfig config, SSLContext tls, SenderOptions options, SmtpFailures failures,
            Supplier<String> credential, DkimSetup dkim) {
        this.dkim = dkim;
        this.config = config;
        this.tls = tls;
        this.options = options;
        this.failures = failures;
        this.credential = credential;
    }

    CheckReport run() {
        CheckReport.Builder report = CheckReport.builder("smtp")
                .item("server", config.address())
                .item("tls.mode", config.tls().id());
        AtomicReference<SSLSocket> tlsSocket = new AtomicReference<>();
        Session session = MailSessions.create(config, tls, options.debugOut(), socket -> {
            if (socket instanceof SSLSocket ssl) {
                tlsSocket.set(ssl);
            }
        }, Optional.empty());
        NotifyTransport transport = new NotifyTransport(session);
        String auth = config.auth() ? "not attempted" : "not enabled";
        long start = System.nanoTime();
        boolean failed = true;
        try {
            if (config.auth()) {
                transport.connect(config.host(), config.port(), config.username(), credential.get());
                auth = "authenticated as " + config.username() + " with " + mechanism(transport);
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
            failed = false;
        } catch (MessagingException e) {
            fail(report, failures.connecting(e, transport));
            if (e instanceof jakarta.mail.AuthenticationFailedException) {
                auth = "failed";
            }
        } catch (NotifyException e) {
            fail(report, e);
        } catch (RuntimeException e) {
            report.failure("unexpected failure: " + e);
        }
        report.item("connect.ms", String.valueOf((System.nanoTime() - start) / 1_000_000));
        if (transport.greeting() != null) {
            report.item("greeting", SmtpFailures.oneLine(transport.greeting()));
        }
        if (transport.lastEhlo() != null) {
            report.item("extensions", extensions(transport.lastEhlo()));
        }
        if (transport.ehloDone()) {
            report.item("pipelining", pipelining(transport));
        }
        if (config.tls() == TlsMode.STARTTLS && transport.ehloDone()) {
            report.item("starttls.offered", String.valueOf(transport.offeredStartTls()));
        }
        SSLSocket socket = tlsSocket.get();
        if (socket != null) {
            tlsItems(report, socket);
        }
        report.item("auth", auth);
        List<Problem> dkimProblems = DkimCheck.report(report, dkim, options.dkimRecords());
        if (!failed && !dkimProblems.isEmpty()) {
            report.settingsFailure(dkimProblems);
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT after the check: the result is already known.
        }
        return report.build();
    }

    private static void fail(CheckReport.Builder report, NotifyException e) {
        if (e instanceof SettingsException s) {
            report.settingsFailure(s.problems());
        } else {
            report.failure(e.getMessage());
        }
    }

    private static void tlsItems(CheckReport.Builder report, SSLSocket socket) {
        SSLSession session = socket.getSession();
        if (session == null || "NONE".equals(session.getProtocol())) {
            return;
        }
        report.item("tls.protocol", session.getProtocol());
        report.item("tls.cipher", session.getCipherSuite());
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                report.item("tls.certificate.subject", cert.getSubjectX500Principal().getName());
                report.item("tls.certificate.issuer", cert.getIssuerX500Principal().getName());
                report.item("tls.certificate.expires", cert.getNotAfter().toInstant().toString());
            }
        } catch (SSLPeerUnverifiedException e) {
            report.item("tls.certificate", "not verified");
        }
    }

    private static String extensions(String ehlo) {
        return Arrays.stream(ehlo.split("\\r?\\n"))
                .skip(1)
                .map(line -> line.length() > 4 ? line.substring(4).strip() : "")
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
    }

    private String pipelining(NotifyTransport transport) {
        if (config.pipelining() == SmtpPipelining.OFF) {
            return "off (" + config.key(SmtpSettingKeys.PIPELINING) + ")";
        }
        if (!transport.supportsExtension("PIPELINING")) {
            return "not offered by the server: one command at a time";
        }
        return transport.supportsExtension("CHUNKING") ? "on, content as BDAT (CHUNKING offered)"
                : "on, content after DATA";
    }

    private String mechanism(NotifyTransport transport) {
        if (config.xoauth2()) {
            return "XOAUTH2";
        }
        String offered = transport.getExtensionParameter("AUTH");
        if (offered == null) {
            return "no AUTH offered by the server";
        }
        String upper = " " + offered.toUpperCase(Locale.ROOT) + " ";
        return upper.contains(" PLAIN ") ? "PLAIN" : upper.contains(" LOGIN ") ? "LOGIN" : offered;
    }
}
