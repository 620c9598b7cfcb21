package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.message.SmsMessage;
import dev.notify.settings.ResolvedSettings;
import dev.notify.spi.Delivery;
import dev.notify.spi.MessageIds;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SmsSender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Objects;

/**
 * The {@code fake} SMS provider: records SMS into an {@link Outbox} instead of sending them, with the latency
 * and failures its {@link FakeBehaviour} asks for. Select it with {@code sms.delivery-method=fake}; it does not
 * need email to be enabled.
 *
 * <p>This class is threadsafe.
 */
public final class FakeSmsProvider implements SenderProvider {

    private final Outbox outbox;
    private final FakeBehaviour behaviour;

    /** A provider with an outbox of its own; used by ServiceLoader. */
    public FakeSmsProvider() {
        this(new Outbox());
    }

    /** A provider recording into {@code outbox}. */
    public FakeSmsProvider(Outbox outbox) {
        this(outbox, new FakeBehaviour(Channel.SMS));
    }

    private FakeSmsProvider(Outbox outbox, FakeBehaviour behaviour) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.behaviour = behaviour;
    }

    /** A builder for a provider with latency or failures from the start; recipients are phone numbers. */
    public static FakeProviderBuilder<FakeSmsProvider> builder() {
        return new FakeProviderBuilder<>(Channel.SMS, FakeSmsProvider::new);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The behaviour of every sender of this provider; change it at any time. */
    public FakeBehaviour behaviour() {
        return behaviour;
    }

    @Override
    public String id() {
        return FakeEmailProvider.ID;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public ProviderSettings settings() {
        return ProviderSettings.none();
    }

    @Override
    public SmsSender create(SenderContext context) {
        return new FakeSmsSender(outbox, behaviour, context.settings());
    }

    @Override
    public String toString() {
        return "FakeSmsProvider[" + outbox + ", " + behaviour + "]";
    }

    private static final class FakeSmsSender implements SmsSender {
        private final Outbox outbox;
        private final FakeBehaviour behaviour;
        private final ResolvedSettings settings;
        private volatile boolean closed;

        FakeSmsSender(Outbox outbox, FakeBehaviour behaviour, ResolvedSettings settings) {
            this.outbox = outbox;
            this.behaviour = behaviour;
            this.settings = settings;
        }

        @Override
        public Delivery send(SmsMessage sms) {
            if (closed) {
                throw new SendRejectedException("the fake SMS sender is closed");
            }
            behaviour.beforeSend();
            RejectedRecipient refusal = behaviour.refusal(sms.phoneNumber());
            if (refusal != null) {
                throw FakeBehaviour.allRefused(List.of(refusal));
            }
            outbox.record(sms);
            String messageId = sms.messageId().orElseGet(() -> MessageIds.generate(sms, settings));
            return Delivery.accepted(messageId, List.of(sms.phoneNumber()));
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder(FakeEmailProvider.ID).item("outbox", outbox.toString())
                    .item("behaviour", behaviour.toString()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
