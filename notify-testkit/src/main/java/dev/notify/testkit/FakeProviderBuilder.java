package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.spi.SenderProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Builds a fake provider with an outbox and an initial {@link FakeBehaviour}; start with
 * {@link FakeEmailProvider#builder()} or {@link FakeSmsProvider#builder()}. Each {@link #build()} gives a new
 * provider with a behaviour of its own, so a builder can be reused; the outbox is shared when one was given.
 *
 * <pre>{@code
 * Outbox outbox = new Outbox();
 * Notifier notifier = Notifier.builder()
 *         .settings(settings)
 *         .provider(FakeEmailProvider.builder().outbox(outbox).latency(Duration.ofMillis(50)).build())
 *         .build();
 * }</pre>
 *
 * <p>This class is not threadsafe.
 *
 * @param <P> the provider type built
 */
public final class FakeProviderBuilder<P extends SenderProvider> {

    private final FakeBehaviour template;
    private final BiFunction<Outbox, FakeBehaviour, P> factory;
    private Outbox outbox;

    FakeProviderBuilder(Channel channel, BiFunction<Outbox, FakeBehaviour, P> factory) {
        this.template = new FakeBehaviour(channel);
        this.factory = factory;
    }

    /** The outbox to record into (default: a new one per built provider). */
    public FakeProviderBuilder<P> outbox(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        return this;
    }

    /** See {@link FakeBehaviour#latency(Duration)}. */
    public FakeProviderBuilder<P> latency(Duration latency) {
        template.latency(latency);
        return this;
    }

    /** See {@link FakeBehaviour#failNextTransiently(int)}. */
    public FakeProviderBuilder<P> failNextTransiently(int sends) {
        template.failNextTransiently(sends);
        return this;
    }

    /** See {@link FakeBehaviour#failNextPermanently(int)}. */
    public FakeProviderBuilder<P> failNextPermanently(int sends) {
        template.failNextPermanently(sends);
        return this;
    }

    /** See {@link FakeBehaviour#rejectRecipient(String)}. */
    public FakeProviderBuilder<P> rejectRecipient(String recipient) {
        template.rejectRecipient(recipient);
        return this;
    }

    /** See {@link FakeBehaviour#rejectRecipientTransiently(String)}. */
    public FakeProviderBuilder<P> rejectRecipientTransiently(String recipient) {
        template.rejectRecipientTransiently(recipient);
        return this;
    }

    public P build() {
        return factory.apply(outbox == null ? new Outbox() : outbox, template.copy());
    }
}
