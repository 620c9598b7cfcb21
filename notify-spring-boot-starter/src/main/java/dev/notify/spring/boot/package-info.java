/**
 * notify in a Spring Boot application: the auto-configuration ({@link dev.notify.spring.boot.NotifyAutoConfiguration}),
 * the settings under {@code notify.} ({@link dev.notify.spring.boot.EnvironmentSettingsSource}), the event that
 * reloads them ({@link dev.notify.spring.boot.NotifySettingsChangedEvent}) and the customizer hooks.
 */
package dev.notify.spring.boot;
