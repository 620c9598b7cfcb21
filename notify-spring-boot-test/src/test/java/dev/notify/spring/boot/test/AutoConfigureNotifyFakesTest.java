package dev.notify.spring.boot.test;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.Outbox;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

@SpringBootTest(classes = AutoConfigureNotifyFakesTest.App.class, properties = {
        "notify.email.enabled=true",
        "notify.email.delivery-method=smtp",
        "notify.email.smtp.host=mail.example.com",
        "notify.email.sender=Portal <noreply@example.com>",
        "notify.sms.enabled=true",
        "notify.sms.delivery-method=email-gateway",
        "notify.servers.eu-1.email.delivery-method=smtp",
        "notify.servers.eu-2.inherits=eu-1",
        "notify.servers.quiet.email.enabled=false"})
@AutoConfigureNotifyFakes
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureNotifyFakesTest {

    private static final EmailMessage WELCOME = EmailMessage.builder().to("alice@example.com").subject("Welcome")
            .text("Hello").build();

    @Autowired
    private Notifier notifier;

    @Autowired
    private Outbox outbox;

    @Autowired
    private Fakes fakes;

    @Test
    @Order(1)
    void everyServerSendsThroughTheFakesWhateverItsDeliveryMethod() {
        notifier.global().sendEmail(WELCOME);
        notifier.server("eu-1").sendEmail(WELCOME);
        notifier.server("eu-2").sendEmail(WELCOME);
        SendResult sms = notifier.server("eu-1").sendSms(SmsMessage.of("+1 555 010 1234", "Your code is 123456"));

        assertThat(outbox).hasSentEmails(3).hasSentSmsTo("+15550101234");
        assertThat(sms.providerId()).contains("fake");
    }

    @Test
    @Order(2)
    void disabledChannelStaysDisabled() {
        SendResult result = notifier.server("quiet").sendEmail(WELCOME);

        assertThat(result.status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
        assertThat(outbox).hasSentNothing();
    }

    @Test
    @Order(3)
    void transientFailureOfTheFakeIsRetried() {
        fakes.email().failNextTransiently(1);

        assertThat(notifier.server("eu-1").sendEmail(WELCOME).attempts()).isEqualTo(2);

        fakes.email().failNextPermanently(3);
    }

    @Test
    @Order(4)
    void failuresQueuedByAnEarlierTestAreGone() {
        assertThat(fakes.email().pendingFailures()).isZero();
        assertThat(notifier.global().sendEmail(WELCOME).attempts()).isEqualTo(1);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
