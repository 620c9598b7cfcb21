package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.RejectedRecipient;
import dev.notify.SendRejectedException;
import dev.notify.message.Message;
import dev.notify.message.SmsMessage;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@code fake} SMS provider: records SMS into an {@link Outbox} instead of sending them, with the latency
 * and failures its {@link FakeBehaviour} asks for. Register it ({@code Notifier.builder().provider(new
 * FakeSmsProvider())}, not found with ServiceLoader) and select it with {@code sms.delivery-method=fake}; it does not
 * need email to be enabled.
 *
 * <p>This class is threadsafe.
 */
public final class FakeSmsProvider implements SenderProvider {

    private final Outbox outbox;
    private final FakeBehaviour behaviour;

    /** A provider with an outbox of its own. */
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
    public Sender create(SenderContext context) {
        return new FakeSmsSender(outbox, behaviour);
    }

    @Override
    public String toString() {
        return "FakeSmsProvider[" + outbox + ", " + behaviour + "]";
    }

    private static final class FakeSmsSender implements Sender {
        private final Outbox outbox;
        private final FakeBehaviour behaviour;
        private volatile boolean closed;

        FakeSmsSender(Outbox outbox, FakeBehaviour behaviour) {
            this.outbox = outbox;
            this.behaviour = behaviour;
        }

        @Override
        public Delivery send(Message message) {
            if (closed) {
                throw new SendRejectedException("the fake SMS sender is closed");
            }
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
