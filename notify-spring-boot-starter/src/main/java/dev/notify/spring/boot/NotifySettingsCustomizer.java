package dev.notify.spring.boot;

import dev.notify.settings.Settings;

/**
 * Changes the settings the auto-configured {@code Notifier} sends with, whatever their source: every time the
 * source has new settings, each customizer (in {@code @Order}) gets them and returns the settings to use.
 * {@code @AutoConfigureNotifyFakes} uses one to send through the test kit's fakes. A customizer must be a pure
 * function of its argument; it is not called again until the source's settings change.
 */
@FunctionalInterface
public interface NotifySettingsCustomizer {

    Settings customize(Settings settings);
}
