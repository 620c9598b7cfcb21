package dev.notify.spi;

/**
 * A provider's checks of one server's effective settings, run when the provider is that server's delivery
 * method for an enabled channel. Report what is missing or inconsistent through the {@link SettingsCheck}; keys
 * whose own value could not be read are already reported and are best left alone.
 *
 * <p>Implementations must be threadsafe and must not block (no network, no files beyond a quick existence check).
 */
@FunctionalInterface
public interface SettingsValidator {

    void validate(SettingsCheck check);
}
