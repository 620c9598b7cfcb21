package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.message.EmailMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpServerExtensionTest {

    @RegisterExtension
    final SmtpServerExtension startTls = SmtpServerExtension.startTls().withUser("app", "pw");

    @Test
    void propertiesPointAtTheServerWithTlsTrustAndAuth() {
        assertThat(startTls.properties())
                .containsEntry("email.smtp.port", Integer.toString(startTls.port()))
                .containsEntry("email.smtp.tls", "starttls")
                .containsKey("email.smtp.trust-store")
                .containsEntry("email.smtp.auth.username", "app");
    }

    @Test
    void mailSentOverStartTlsIsDecodedWithBccFromTheEnvelope() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.ssl.socketFactory", startTls.certificate().orElseThrow().clientSocketFactory());
        Session session = Session.getInstance(props);
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress("app@notify.example", "Äpp"));
        mime.setRecipients(Message.RecipientType.TO, "zoe@notify.example");
        mime.setSubject("Grüße", "UTF-8");
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("hello", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent("a,b", "text/csv");
        file.setFileName("data.csv");
        file.setDisposition("attachment");
        mixed.addBodyPart(text);
        mixed.addBodyPart(file);
        mime.setContent(mixed);
        mime.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(startTls.host(), startTls.port(), "app", "pw");
            transport.sendMessage(mime, InternetAddress.parse("zoe@notify.example, audit@notify.example"));
        }

        EmailMessage received = startTls.awaitMessages(1, Duration.ofSeconds(5)).get(0);

        assertThat(received.from()).hasValueSatisfying(f -> assertThat(f.toString()).isEqualTo("Äpp <app@notify.example>"));
        assertThat(received.subject()).isEqualTo("Grüße");
        assertThat(received.text()).contains("hello");
        assertThat(received.bcc()).extracting(Object::toString).containsExactly("audit@notify.example");
        assertThat(received.attachments()).singleElement()
                .satisfies(a -> assertThat(a.fileName()).isEqualTo("data.csv"));
    }

    @Test
    void plainMailIsRefusedBeforeStartTls() {
        Session session = Session.getInstance(new Properties());

        assertThatThrownBy(() -> {
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(startTls.host(), startTls.port(), null, null);
                MimeMessage mime = new MimeMessage(session);
                mime.setFrom("app@notify.example");
                mime.setText("x");
                transport.sendMessage(mime, InternetAddress.parse("zoe@notify.example"));
            }
        }).isInstanceOf(MessagingException.class);
        assertThat(startTls.messages()).isEmpty();
    }
}
