package dev.notify.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.PropertiesFormat;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two subclasses run in parallel: both send many messages at the same time through notifiers with discovered
 * fakes, and each outbox must hold exactly its own class's messages.
 */
abstract class ParallelIsolationCheck {

    private static final int MESSAGES = 500;

    private final String tag;

    ParallelIsolationCheck(String tag) {
        this.tag = tag;
    }

    @Test
    void outboxHoldsExactlyTheMessagesThisClassSent() {
        try (Notifier notifier = Notifier.builder()
                .settings(PropertiesFormat.standard().parse(Map.of(
                        "email.enabled", "true",
                        "email.delivery-method", "fake",
                        "email.sender", "noreply@sample.test",
                        "sms.enabled", "true",
                        "sms.delivery-method", "fake")))
                .provider(new FakeEmailProvider()).provider(new FakeSmsProvider())
                .build()) {
            Outbox outbox = Outbox.of(notifier);
            ParallelRendezvous.awaitTheOtherClass("start sending");

            for (int i = 0; i < MESSAGES; i++) {
                notifier.server("eu-1").sendEmail(EmailMessage.builder().to(tag + "@example.com")
                        .subject(tag + " " + i).text("from " + tag).build());
                notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", tag + " " + i));
            }
            ParallelRendezvous.awaitTheOtherClass("done sending");

            assertThat(outbox.emails()).hasSize(MESSAGES)
                    .allSatisfy(m -> assertThat(m.subject()).startsWith(tag + " "));
            assertThat(outbox.sms()).hasSize(MESSAGES)
                    .allSatisfy(m -> assertThat(m.text()).startsWith(tag + " "));
        }
    }
}
