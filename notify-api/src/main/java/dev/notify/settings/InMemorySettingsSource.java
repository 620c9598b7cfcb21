package dev.notify.settings;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings the host application holds and replaces, typically when an administrator presses Save.
 *
 * <p>This class is threadsafe: {@link #update} may be called while other threads send.
 */
public final class InMemorySettingsSource implements SettingsSource {

    private volatile Settings settings;

    public InMemorySettingsSource(Settings initial) {
        this.settings = Objects.requireNonNull(initial, "settings");
    }

    @Override
    public Settings current() {
        return settings;
    }

    /** Replaces the settings; the next send uses them. */
    public void update(Settings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
    }

    /** Replaces the settings with a function of the current ones, atomically with respect to other updates. */
    public synchronized Settings update(UnaryOperator<Settings> change) {
        Settings next = Objects.requireNonNull(change.apply(settings), "settings");
        this.settings = next;
        return next;
    }
}
