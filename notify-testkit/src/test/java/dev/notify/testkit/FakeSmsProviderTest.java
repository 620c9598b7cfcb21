package dev.notify.testkit;

import dev.notify.testkit.time.ManualScheduler;
import java.time.Instant;
import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.PermanentDeliveryException;
import dev.notify.SendRejectedException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import org.junit.jupiter.api.Test;

class FakeSmsProviderTest {

    @Test
    void sendRecordsTheSmsAndAcceptsTheNumber() {
        FakeSmsProvider provider = new FakeSmsProvider();
        SmsMessage sms = SmsMessage.of("+1 555 010 1234", "Your code is 123456");

        Delivery delivery = sender(provider).send(sms);

        assertThat(delivery.accepted()).containsExactly("+1 555 010 1234");
        assertThat(delivery.messageId()).matches("<[0-9a-f]{32}@example\\.com>");
        assertThat(provider.outbox().sms()).containsExactly(sms);
    }

    @Test
    void deliveryCarriesTheMessageIdTheNotifierAssigned() {
        SmsMessage sms = SmsMessage.of("+15550101234", "Your code is 123456").withMessageId("<sms-1@example.com>");

        Delivery delivery = sender(new FakeSmsProvider()).send(sms);

        assertThat(delivery.messageId()).isEqualTo("<sms-1@example.com>");
    }

    @Test
    void rejectedNumberIsComparedByDigitsAndFailsTheWholeSend() {
        FakeSmsProvider provider = FakeSmsProvider.builder().rejectRecipient("+15550101234").build();

        assertThatThrownBy(() -> sender(provider).send(SmsMessage.of("1 (555) 010-1234", "code")))
                .isInstanceOfSatisfying(PermanentDeliveryException.class,
                        e -> assertThat(e.rejectedRecipients()).extracting(r -> r.address())
                                .containsExactly("1 (555) 010-1234"));
        assertThat(provider.outbox().sms()).isEmpty();
    }

    @Test
    void failNextTransientlyFailsTheNextSms() {
        FakeSmsProvider provider = FakeSmsProvider.builder().failNextTransiently(1).build();
        SmsSender sender = sender(provider);

        assertThatThrownBy(() -> sender.send(SmsMessage.of("+15550101234", "one")))
                .isInstanceOf(TransientDeliveryException.class);
        sender.send(SmsMessage.of("+15550101234", "two"));

        assertThat(provider.outbox().sms()).extracting(SmsMessage::text).containsExactly("two");
    }

    @Test
    void numberWithoutDigitsCannotBeRejected() {
        assertThatThrownBy(() -> new FakeSmsProvider().behaviour().rejectRecipient("+"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone number");
    }

    @Test
    void closedSenderThrowsAndRecordsNothing() {
        FakeSmsProvider provider = new FakeSmsProvider();
        SmsSender sender = sender(provider);
        sender.close();

        assertThatThrownBy(() -> sender.send(SmsMessage.of("+15550101234", "late")))
                .isInstanceOf(SendRejectedException.class);
        assertThat(provider.outbox().isEmpty()).isTrue();
    }

    private static SmsSender sender(FakeSmsProvider provider) {
        return provider.create(new SenderContext(FakeSettings.emailAndSms().resolveGlobal(), Clock.systemUTC(), ManualScheduler.startingAt(Instant.now())));
    }
}
