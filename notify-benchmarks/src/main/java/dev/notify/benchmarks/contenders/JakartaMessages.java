package dev.notify.benchmarks.contenders;

import dev.notify.benchmarks.harness.Mail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;

/** The benchmark message as a Jakarta Mail {@link MimeMessage}, built the usual way. */
final class JakartaMessages {

    private JakartaMessages() {
    }

    static MimeMessage build(Session session, String run, int sequence) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(Mail.FROM));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(Mail.TO));
        m.setSubject(Mail.subject(run, sequence), "UTF-8");
        m.setSentDate(new Date());
        m.setText(Mail.BODY, "UTF-8");
        m.saveChanges();
        return m;
    }
}
