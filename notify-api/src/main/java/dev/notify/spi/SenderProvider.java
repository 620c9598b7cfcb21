package dev.notify.spi;

import dev.notify.Channel;
import java.util.Set;

/**
 * A delivery module's entry point, found with {@link java.util.ServiceLoader} or registered explicitly with
 * {@code Notifier.builder().provider(...)}. A provider is stateless; the senders it creates hold connections.
 *
 * <p>Implementations must be threadsafe and have a public no-argument constructor when registered for
 * ServiceLoader.
 */
public interface SenderProvider {

    /**
     * The id administrators write in {@code email.delivery-method} or {@code sms.delivery-method}: lower case,
     * stable across versions ({@code smtp}, {@code graph}).
     */
    String id();

    /** The channel this provider delivers. */
    Channel channel();

    /**
     * The settings sections the sender reads ({@code email.smtp}, {@code email.graph}). The notifier shares a
     * sender among all servers whose values under these sections are equal and rebuilds it only when one of
     * them changes.
     */
    Set<String> settingsSections();

    /**
     * Creates a sender for valid settings. Must not block on the network: connect lazily, on the first send or
     * check, so a notifier can be built while a server is down.
     *
     * @throws dev.notify.SettingsException when the settings cannot work for this provider (an unreadable
     *     trust store), naming the keys
     */
    Sender create(SenderContext context);
}
