package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.RejectedRecipient;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import java.util.List;
import java.util.UUID;

/**
 * The {@code fake} SMS provider: records SMS into an {@link Outbox} instead of sending them, with the latency
 * and failures its {@link FakeBehaviour} asks for. Register it ({@code Notifier.builder().provider(new
 * FakeSmsProvider())}, not found with ServiceLoader) and select it with {@code sms.delivery-method=fake}; it does not
 * need email to be enabled.
 *
 * <p>This class is threadsafe.
 */
public final class FakeSmsProvider extends FakeProvider {

    /** A provider with an outbox of its own. */
    public FakeSmsProvider() {
        this(new Outbox());
    }

    /** A provider recording into {@code outbox}. */
    public FakeSmsProvider(Outbox outbox) {
        this(outbox, new FakeBehaviour(Channel.SMS));
    }

    private FakeSmsProvider(Outbox outbox, FakeBehaviour behaviour) {
        super(Channel.SMS, outbox, behaviour);
    }

    /** A builder for a provider with latency or failures from the start; recipients are phone numbers. */
    public static FakeProviderBuilder<FakeSmsProvider> builder() {
        return new FakeProviderBuilder<>(Channel.SMS, FakeSmsProvider::new);
    }

    @Override
    Delivery record(Message message, Outbox outbox, FakeBehaviour behaviour) {
        if (!(message instanceof SmsMessage sms)) {
            throw new IllegalArgumentException("the fake SMS provider sends SMS, not " + message);
        }
        behaviour.beforeSend();
        RejectedRecipient refusal = behaviour.refusal(sms.phoneNumber());
        if (refusal != null) {
            throw FakeBehaviour.allRefused(List.of(refusal));
        }
        outbox.record(sms);
        String messageId = sms.messageId().orElseGet(() -> "<fake-sms-" + UUID.randomUUID() + "@notify.invalid>");
        return Delivery.accepted(messageId, List.of(sms.phoneNumber()));
    }
}
