package dev.notify.spi;

import dev.notify.Channel;
import java.util.Optional;

/**
 * A delivery module's entry point, found with {@link java.util.ServiceLoader} or registered explicitly with
 * {@code Notifier.builder().provider(...)}. Register it in {@code META-INF/services/dev.notify.spi.SenderProvider}
 * and, in a named module, with {@code provides dev.notify.spi.SenderProvider with ...}. A provider is stateless;
 * the senders it creates hold connections.
 *
 * <p>A provider of {@link Channel#EMAIL} creates {@link EmailSender}s, one of {@link Channel#SMS}
 * {@link SmsSender}s; the notifier refuses a sender of the wrong type when it builds it. Options a provider takes
 * besides its settings (a trust store, a test double) are {@code with...} methods that return a new provider and
 * leave this one unchanged; time and scheduling come from the {@link SenderContext}, never from a provider option.
 *
 * <p>Implementations must be immutable and threadsafe, and have a public no-argument constructor when registered
 * for ServiceLoader.
 */
public interface SenderProvider {

    /**
     * The id administrators write in {@code email.delivery-method} or {@code sms.delivery-method}: lower case,
     * stable across versions. Keep the provider's own keys under {@code <channel>.<id>.} where they are its alone,
     * so a key of a provider that is not installed can be recognised as such.
     */
    String id();

    /** The channel this provider delivers. */
    Channel channel();

    /** The keys this provider reads and how it validates them; see {@link ProviderSettings}. */
    ProviderSettings settings();

    /**
     * The Maven coordinates ({@code groupId:artifactId}) of the module that holds this provider, for the hints that
     * tell an administrator which module to add (empty by default: the hint then names no module).
     */
    default Optional<String> artifact() {
        return Optional.empty();
    }

    /**
     * Whether this provider delivers its channel when {@code <channel>.delivery-method} is not set. When several
     * installed providers of a channel say so, or none does and several are installed, the key must be set.
     */
    default boolean isChannelDefault() {
        return false;
    }

    /**
     * Creates a sender for valid settings: an {@link EmailSender} for {@link Channel#EMAIL}, an {@link SmsSender}
     * for {@link Channel#SMS} (declare the narrower return type). Must not block on the network: connect lazily, on
     * the first send or check, so a notifier can be built while a server is down.
     *
     * @throws dev.notify.SettingsException when the settings cannot work for this provider (an unreadable
     *     trust store), naming the keys
     */
    Sender create(SenderContext context);
}
