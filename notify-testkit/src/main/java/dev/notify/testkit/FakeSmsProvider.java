package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.RejectedRecipient;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.Delivery;
import dev.notify.spi.MessageIds;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SmsSender;
import java.util.List;

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
    public SmsSender create(SenderContext context) {
        return new FakeSmsSender(this, context.settings());
    }

    private static final class FakeSmsSender extends FakeSender implements SmsSender {
        private final FakeSmsProvider provider;
        private final ResolvedSettings settings;

        FakeSmsSender(FakeSmsProvider provider, ResolvedSettings settings) {
            super(provider);
            this.provider = provider;
            this.settings = settings;
        }

        @Override
        public Delivery send(SmsMessage sms) {
            requireOpen();
            return provider.record(sms, settings);
        }
    }

    private Delivery record(SmsMessage sms, ResolvedSettings settings) {
        FakeBehaviour behaviour = behaviour();
        behaviour.beforeSend();
        RejectedRecipient refusal = behaviour.refusal(sms.phoneNumber());
        if (refusal != null) {
            throw FakeBehaviour.allRefused(List.of(refusal));
        }
        outbox().record(sms);
        String messageId = sms.messageId().orElseGet(() -> MessageIds.generate(sms, settings));
        return Delivery.accepted(messageId, List.of(sms.phoneNumber()));
    }
}
