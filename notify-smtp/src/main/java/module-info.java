/**
 * The SMTP e-mail provider (Jakarta Mail / Angus Mail), with DKIM signing and Microsoft XOAUTH2. The
 * {@code dev.notify.smtp.internal} packages are not exported.
 */
module dev.notify.smtp {
    requires transitive dev.notify.api;
    requires transitive dev.notify.microsoft;
    requires jakarta.activation;
    requires jakarta.mail;
    requires java.naming;
    requires org.eclipse.angus.mail;
    requires org.slf4j;

    exports dev.notify.smtp;

    provides dev.notify.spi.SenderProvider with dev.notify.smtp.SmtpSenderProvider;
}
