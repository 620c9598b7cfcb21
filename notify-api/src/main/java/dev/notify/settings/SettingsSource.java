package dev.notify.settings;

/**
 * Where a notifier gets its settings. The notifier asks on every send, so a source that returns new settings
 * changes what the next send uses, without a restart; sends already under way finish with what they started
 * with. Implementations must be threadsafe and fast when nothing changed: return the same {@link Settings}
 * instance until something does, since resolution is cached per instance.
 *
 * @see InMemorySettingsSource
 * @see FileSettingsSource
 */
@FunctionalInterface
public interface SettingsSource {

    /** The settings in force now. */
    Settings current();

    /** A source that never changes. */
    static SettingsSource of(Settings settings) {
        java.util.Objects.requireNonNull(settings, "settings");
        return () -> settings;
    }
}
