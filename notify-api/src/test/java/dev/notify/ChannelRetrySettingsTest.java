package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.Origin;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.support.RecordingProvider;
import dev.notify.support.RecordingScheduler;
import dev.notify.support.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each channel retries under its own keys, inherited and overridden per server like every key. */
class ChannelRetrySettingsTest {

    private final RecordingProvider email = RecordingProvider.email("smtp");
    private final RecordingProvider sms = RecordingProvider.sms("text");
    private final RecordingScheduler time = new RecordingScheduler();

    private Notifier notifier(String... lines) {
        Settings settings = TestSettings.parse(lines);
        return Notifier.builder().settings(settings).provider(email).provider(sms).discoverProviders(false)
                .scheduler(time).build();
    }

    private void failAlways() {
        email.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("421 busy");
        });
        sms.behaviour((message, attempt) -> {
            throw new TransientDeliveryException("503 busy");
        });
    }

    @Test
    void smsRetriesUnderSmsRetryKeysAndEmailUnderItsOwn() {
        failAlways();
        try (Notifier notifier = notifier("email.enabled=true", "email.sender=a@example.com",
                "email.smtp.host=mail.example.com", "email.retry.max-attempts=2", "email.retry.initial-delay=10ms",
                "sms.enabled=true", "sms.retry.max-attempts=4", "sms.retry.initial-delay=2s")) {

            TransientDeliveryException smsFailure = catchThrowableOfType(TransientDeliveryException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("+15550101234", "code")));
            TransientDeliveryException emailFailure = catchThrowableOfType(TransientDeliveryException.class,
                    () -> notifier.global().sendEmail(EmailMessage.builder().to("b@example.com").subject("s")
                            .text("t").build()));

            assertThat(smsFailure.attempts()).isEqualTo(4);
            assertThat(emailFailure.attempts()).isEqualTo(2);
            assertThat(time.waits().subList(0, 3)).allSatisfy(wait ->
                    assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(time.waits().get(3)).isLessThanOrEqualTo(Duration.ofMillis(10));
        }
    }

    @Test
    void aServerOverridesTheSmsRetryKeysOfTheGlobalLayer() {
        failAlways();
        try (Notifier notifier = notifier("sms.enabled=true", "sms.retry.max-attempts=4",
                "servers.eu-1.sms.retry.max-attempts=1")) {

            TransientDeliveryException e = catchThrowableOfType(TransientDeliveryException.class,
                    () -> notifier.server("eu-1").sendSms(SmsMessage.of("+15550101234", "code")));

            assertThat(e.attempts()).isEqualTo(1);
            assertThat(notifier.server("eu-1").settings().origin(SettingKeys.SMS_RETRY_MAX_ATTEMPTS))
                    .isEqualTo(Origin.server("eu-1"));
        }
    }
}
