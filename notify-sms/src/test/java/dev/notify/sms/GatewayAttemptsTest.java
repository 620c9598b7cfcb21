package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import dev.notify.settings.InMemorySettingsSource;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.Outbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayAttemptsTest {

    private static Notifier notifier(CountingEmailProvider email) {
        return Notifier.builder()
                .settings(GatewayNotifiers.settings(Map.of(
                        "email.delivery-method", CountingEmailProvider.ID,
                        "email.retry.initial-delay", "0s")))
                .provider(new SmsGatewayProvider())
                .provider(email)
                .build();
    }

    @Test
    void eachAttemptOfTheNotifierMakesExactlyOneEmailCall() {
        CountingEmailProvider email = new CountingEmailProvider(new TransientDeliveryException("451 try later"));
        try (Notifier notifier = notifier(email)) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "retry me"));

            assertThat(result.attempts()).isEqualTo(2);
            assertThat(email.calls).hasSize(2);
            assertThat(email.calls).extracting(EmailMessage::text)
                    .allSatisfy(text -> assertThat(text).contains("retry me"));
            assertThat(email.calls).extracting(m -> m.messageId().orElseThrow())
                    .as("the gateway mail keeps its Message-ID across retries").containsOnly(
                            email.calls.get(0).messageId().orElseThrow());
        }
    }

    @Test
    void permanentEmailFailureIsNotRetriedAndReachesTheCaller() {
        CountingEmailProvider email = new CountingEmailProvider(new PermanentDeliveryException("550 no such gateway user"));
        try (Notifier notifier = notifier(email)) {
            PermanentDeliveryException e = catchThrowableOfType(PermanentDeliveryException.class,
                    () -> notifier.global().sendSms(SmsMessage.of("+15550101234", "once")));

            assertThat(e.getMessage()).contains("550 no such gateway user");
            assertThat(e.providerId()).contains(SmsGatewayProvider.ID);
            assertThat(email.calls).hasSize(1);
        }
    }

    @Test
    void resultCarriesTheEmailDeliveryBeneathIt() {
        CountingEmailProvider email = new CountingEmailProvider();
        try (Notifier notifier = notifier(email)) {
            SendResult result = notifier.global().sendSms(SmsMessage.of("+15550101234", "details"));

            assertThat(result.messageId()).contains("<relay-id@relay.example>");
            assertThat(result.accepted()).containsExactly("+15550101234");
            assertThat(result.details()).containsEntry("email.message-id", "<relay-id@relay.example>")
                    .containsEntry("email.accepted", "15550101234@sms.example.net")
                    .containsEntry("email.relay.queue-id", "Q42");
        }
    }

    @Test
    void changingTheEmailDeliveryMethodReroutesTheGatewayMails() {
        CountingEmailProvider counting = new CountingEmailProvider();
        Outbox fakeOutbox = new Outbox();
        InMemorySettingsSource source = new InMemorySettingsSource(GatewayNotifiers.settings(Map.of()));
        try (Notifier notifier = Notifier.builder().settings(source).provider(new SmsGatewayProvider())
                .provider(new FakeEmailProvider(fakeOutbox)).provider(counting).build()) {
            notifier.global().sendSms(SmsMessage.of("+15550101234", "first"));

            source.update(GatewayNotifiers.settings(Map.of("email.delivery-method", CountingEmailProvider.ID)));
            notifier.global().sendSms(SmsMessage.of("+15550101234", "second"));

            assertThat(fakeOutbox.emails()).extracting(EmailMessage::text)
                    .singleElement().satisfies(text -> assertThat(text).contains("first"));
            assertThat(counting.calls).extracting(EmailMessage::text)
                    .singleElement().satisfies(text -> assertThat(text).contains("second"));
        }
    }
}
