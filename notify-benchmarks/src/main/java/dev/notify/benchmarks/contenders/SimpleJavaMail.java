package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Contender;
import dev.notify.benchmarks.harness.Mail;
import dev.notify.benchmarks.harness.Target;
import dev.notify.benchmarks.harness.Workers;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.simplejavamail.mailer.internal.MailerRegularBuilderImpl;

/**
 * Simple Java Mail 8, {@code mailer.sendMail(email)} on C threads. Without its batch-module on the class path
 * (id {@code sjm}) every message opens a connection; with it (id {@code sjm-pool}) the mailer uses the module's
 * connection pool, sized to C. Which one runs depends on the class path, so each runs in its own JVM.
 */
public final class SimpleJavaMail implements Contender {

    private final boolean pooled;

    public SimpleJavaMail(boolean pooled) {
        this.pooled = pooled;
    }

    @Override
    public String id() {
        return pooled ? "sjm-pool" : "sjm";
    }

    @Override
    public Client open(Target target, int threads) {
        TransportStrategy strategy = target.secure() ? TransportStrategy.SMTP_TLS : TransportStrategy.SMTP;
        // Plain mode means plain: without this, SMTP upgrades to TLS whenever the server offers STARTTLS.
        TransportStrategy.SMTP.setOpportunisticTLS(false);
        MailerRegularBuilderImpl builder = target.secure()
                ? MailerBuilder.withSMTPServer(target.host(), target.port(), target.username(), target.password())
                : MailerBuilder.withSMTPServer(target.host(), target.port());
        builder.withTransportStrategy(strategy)
                .withCustomSSLFactoryInstance(target.tls().getSocketFactory())
                .verifyingServerIdentity(true)
                .withSessionTimeout(10_000);
        if (target.secure()) {
            builder.withProperty("mail.smtp.auth.mechanisms", "PLAIN");
        }
        if (pooled) {
            builder.withConnectionPoolCoreSize(0).withConnectionPoolMaxSize(threads);
        }
        Mailer mailer = builder.buildMailer();
        return new Client() {
            @Override
            public void send(String run, int count) throws Exception {
                Workers.run(threads, count, (thread, i) -> mailer.sendMail(email(run, i)).get());
            }

            @Override
            public void close() {
                try {
                    mailer.shutdownConnectionPool().get();
                    mailer.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the mailer failed", e);
                }
            }
        };
    }

    private static Email email(String run, int sequence) {
        return EmailBuilder.startingBlank()
                .from(Mail.FROM)
                .to(Mail.TO)
                .withSubject(Mail.subject(run, sequence))
                .withPlainText(Mail.BODY)
                .buildEmail();
    }
}
