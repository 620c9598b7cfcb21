package dev.notify.smtp.internal;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.spi.SenderProvider;
import dev.notify.testkit.contract.SenderContractTest;
import dev.notify.testkit.contract.SenderHarness;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** The provider contract shared with the other email providers, against the scripted server. */
class SmtpSenderProviderContractTest extends SenderContractTest {

    @Override
    protected SenderHarness createHarness() throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer();
        return new SenderHarness() {
            @Override
            public SenderProvider provider() {
                return new SmtpSenderProvider();
            }

            @Override
            public Layer settings() {
                return TestSettings.scripted(server.port()).set("email.delivery-method", "smtp").build();
            }

            @Override
            public void failNextSendTransiently() {
                server.failNextMail("451 4.3.0 temporarily unavailable");
            }

            @Override
            public void failNextSendPermanently() {
                server.failNextMail("554 5.7.1 message refused");
            }

            @Override
            public void rejectRecipient(String address) {
                server.rcptReply(address, "550 5.1.1 no such user");
            }

            @Override
            public List<EmailMessage> received() {
                return server.received().stream().map(SmtpSenderProviderContractTest::decode).toList();
            }

            @Override
            public void close() {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static EmailMessage decode(ScriptedSmtpServer.Received received) {
        try {
            MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(received.content().getBytes(StandardCharsets.ISO_8859_1)));
            EmailMessage.Builder b = EmailMessage.builder().subject(mime.getSubject())
                    .from(address(mime.getFrom()[0])).messageId(mime.getMessageID());
            List<String> inHeaders = new java.util.ArrayList<>();
            for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
                Address[] addresses = mime.getRecipients(type);
                for (Address a : addresses == null ? new Address[0] : addresses) {
                    if (type == Message.RecipientType.TO) {
                        b.to(address(a));
                    } else {
                        b.cc(address(a));
                    }
                    inHeaders.add(((InternetAddress) a).getAddress());
                }
            }
            received.recipients().stream().filter(r -> !inHeaders.contains(r)).forEach(b::bcc);
            Object content = mime.getContent();
            return (content instanceof String text ? b.text(text) : b.text("(multipart)")).build();
        } catch (MessagingException | IOException e) {
            throw new AssertionError("cannot decode what the server received", e);
        }
    }

    private static EmailAddress address(Address address) {
        InternetAddress ia = (InternetAddress) address;
        return EmailAddress.of(ia.getPersonal(), ia.getAddress());
    }
}
