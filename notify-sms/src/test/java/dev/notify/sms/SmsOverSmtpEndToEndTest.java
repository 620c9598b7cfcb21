package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmsOverSmtpEndToEndTest {

    private GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    private Settings settings() {
        return PropertiesFormat.standard().parse(Map.of(
                "email.enabled", "true",
                "email.delivery-method", "smtp",
                "email.sender", "App <app@notify.example.com>",
                "email.smtp.host", "127.0.0.1",
                "email.smtp.port", Integer.toString(greenMail.getSmtp().getPort()),
                "email.smtp.tls", "none",
                "sms.enabled", "true",
                "sms.email-gateway.sender", "sms-sender@notify.example.com",
                "sms.email-gateway.destination-domain", "sms.example.net"));
    }

    @Test
    void gatewayMailboxReceivesThePasscodeAsPlainTextFromTheSmsSender() throws Exception {
        try (Notifier notifier = Notifier.builder().settings(settings())
                .provider(new SmtpSenderProvider()).provider(new SmsGatewayProvider()).build()) {
            SendResult result = notifier.server("eu-1").sendSms(SmsMessage.of("+1 (555) 010-1234",
                    "Your passcode is 123456. It expires in 10 min."));

            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage[] received = greenMail.getReceivedMessagesForDomain("sms.example.net");
            assertThat(received).hasSize(1);
            MimeMessage mail = received[0];
            assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                    .containsExactly("15550101234@sms.example.net");
            assertThat(mail.getFrom()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("sms-sender@notify.example.com");
            assertThat(mail.getContentType()).startsWithIgnoringCase("text/plain");
            assertThat(mail.getContent()).asString().contains("Your passcode is 123456. It expires in 10 min.");
            assertThat(mail.getMessageID()).isEqualTo(result.details().get("email.message-id"));
            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.details()).containsEntry("sms.gateway-address", "15550101234@sms.example.net")
                    .containsEntry("sms.e164", "+15550101234");
        }
    }
}
