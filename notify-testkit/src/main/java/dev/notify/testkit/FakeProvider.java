package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.CheckReport;
import dev.notify.SendRejectedException;
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

    /** A sender of this provider's channel: an {@code EmailSender} or an {@code SmsSender}. */
    @Override
    public abstract Sender create(SenderContext context);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + outbox + ", " + behaviour + "]";
    }

    /** What the senders of both channels share: the check report and refusing messages once closed. */
    abstract static class FakeSender implements Sender {
        private final FakeProvider provider;
        private volatile boolean closed;

        FakeSender(FakeProvider provider) {
            this.provider = provider;
        }

        /** @throws SendRejectedException once the sender is closed */
        void requireOpen() {
            if (closed) {
                throw new SendRejectedException("the fake " + (provider.channel == Channel.SMS ? "SMS"
                        : provider.channel.name().toLowerCase(Locale.ROOT)) + " sender is closed");
            }
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
