package dev.notify;

import dev.notify.message.Message;
import dev.notify.settings.SettingsSchema;
import dev.notify.spi.SenderProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends email and SMS with the settings of the global layer or of a server, as resolved at the moment of each
 * send: a settings change reaches the next send without a restart.
 *
 * <pre>{@code
 * try (Notifier notifier = Notifier.builder()
 *         .settings(FileSettingsSource.of(Path.of("notify.properties")))
 *         .build()) {
 *     notifier.server("eu-1").sendEmail(EmailMessage.builder()
 *             .to("alice@example.com").subject("Your report").text("It is ready.").build());
 * }
 * }</pre>
 *
 * <p>Providers are those registered with {@link NotifierBuilder#provider} and those found on the class path
 * with {@link java.util.ServiceLoader}. A notifier owns the senders it creates (and so their connections) and
 * a bounded pool of threads for asynchronous sends; {@link #close()} releases them.
 *
 * <p>This interface's implementations are threadsafe.
 */
public interface Notifier extends AutoCloseable {

    static NotifierBuilder builder() {
        return new NotifierBuilder();
    }

    /** Sends with the global settings (no server layer). */
    ServerNotifier global();

    /**
     * Sends with a server's settings. A server without a layer of its own inherits everything from the global
     * layer, so any server id of the host application is accepted.
     *
     * @throws IllegalArgumentException when the id is not 1-64 letters, digits, '-' or '_'
     */
    ServerNotifier server(String serverId);

    /**
     * Every key this notifier understands: the core's and those of its providers, explicit and discovered. Read
     * settings with it ({@code PropertiesFormat.standard().withSchema(notifier.schema())}) when providers are
     * registered explicitly.
     */
    SettingsSchema schema();

    /** The ids of the installed providers for a channel, sorted. */
    Set<String> providerIds(Channel channel);

    /**
     * The provider instance this notifier uses for a channel and id, for tools and test kits that need to reach
     * it (a fake provider's outbox).
     */
    Optional<SenderProvider> provider(Channel channel, String id);

    /**
     * The clock of this notifier ({@link NotifierBuilder#clock}): its providers get it through their
     * {@code SenderContext}, and modules built on a notifier (the durable outbox) use it by default.
     */
    Clock clock();

    /**
     * The scheduler this notifier waits with ({@link NotifierBuilder#scheduler}, by default one daemon thread it
     * owns): its providers get it through their {@code SenderContext}, and modules built on a notifier (the durable
     * outbox) use it by default. Never shut it down; once the notifier is closed, its own scheduler drops what is
     * scheduled.
     */
    Scheduler scheduler();

    /**
     * The delivery statuses of the SMS this notifier sent, moved by verified delivery receipts: look one up by the
     * {@link SendResult#messageId()} of its send.
     *
     * @throws UnsupportedOperationException for a notifier that does not track deliveries (a test double)
     */
    default DeliveryTracker deliveries() {
        throw new UnsupportedOperationException(getClass().getName() + " does not track deliveries");
    }

    /**
     * Stops taking sends, waits up to {@code timeout} for queued and running asynchronous sends, then releases
     * every sender and thread.
     *
     * @return the messages that were queued or running and did not finish in time (their futures fail with
     *     {@link SendRejectedException}); empty when everything finished
     */
    List<Message> shutdown(Duration timeout);

    /** {@link #shutdown} with the builder's close timeout (30 seconds by default). Idempotent. */
    @Override
    void close();
}
