package dev.notify.spi;

/**
 * Settings of a module that is not a delivery provider (a durable outbox, an integration): its keys join the
 * schema, resolve per server like every key, and its validator runs for every server, whatever the delivery
 * method. Found with {@link java.util.ServiceLoader} like providers (register it in
 * {@code META-INF/services/dev.notify.spi.SettingsExtension}) or registered with
 * {@code Notifier.builder().settingsExtension(...)}.
 *
 * <p>Implementations must be threadsafe and have a public no-argument constructor when registered for
 * ServiceLoader.
 */
public interface SettingsExtension {

    /** A short, stable, lower-case name of the feature ({@code outbox}), for errors and the schema. */
    String id();

    /** The keys, under a prefix of the extension's own ({@code outbox.}), and their validation. */
    ProviderSettings settings();
}
