package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.SendRejectedException;
import dev.notify.message.Message;
import dev.notify.spi.Delivery;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.Sender;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SenderProvider;
import java.util.Locale;
import java.util.Objects;

/**
 * What the {@code fake} providers of both channels share: the outbox, the behaviour, the id, and a sender that
 * refuses messages once closed; each channel says only how a message is recorded.
 *
 * <p>This class is threadsafe.
 */
abstract sealed class FakeProvider implements SenderProvider permits FakeEmailProvider, FakeSmsProvider {

    private final Channel channel;
    private final Outbox outbox;
    private final FakeBehaviour behaviour;

    FakeProvider(Channel channel, Outbox outbox, FakeBehaviour behaviour) {
        this.channel = channel;
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.behaviour = behaviour;
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
        return channel;
    }

    @Override
    public ProviderSettings settings() {
        return ProviderSettings.none();
    }

    @Override
    public Sender create(SenderContext context) {
        return new FakeSender(this);
    }

    /** Records {@code message} in the outbox, after the behaviour's latency and failures. */
    abstract Delivery record(Message message, Outbox outbox, FakeBehaviour behaviour);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + outbox + ", " + behaviour + "]";
    }

    private static final class FakeSender implements Sender {
        private final FakeProvider provider;
        private volatile boolean closed;

        FakeSender(FakeProvider provider) {
            this.provider = provider;
        }

        @Override
        public Delivery send(Message message) {
            if (closed) {
                throw new SendRejectedException("the fake " + (provider.channel == Channel.SMS ? "SMS"
                        : provider.channel.name().toLowerCase(Locale.ROOT)) + " sender is closed");
            }
            return provider.record(message, provider.outbox, provider.behaviour);
        }

        @Override
        public CheckReport check() {
            return CheckReport.builder(FakeEmailProvider.ID).item("outbox", provider.outbox.toString())
                    .item("behaviour", provider.behaviour.toString()).build();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
