package dev.notify.spring.boot;

import java.io.Serial;
import org.springframework.context.ApplicationEvent;

/**
 * Tells notify that its settings in the Spring environment changed: publish it after changing a property source
 * (an administrator pressed Save, a configuration server pushed new values), and the next send uses what the
 * environment holds then.
 *
 * <pre>{@code
 * environment.getPropertySources().addFirst(new MapPropertySource("admin", Map.of(
 *         "notify.servers.eu-1.email.smtp.host", "relay-2.example.com")));
 * publisher.publishEvent(new NotifySettingsChangedEvent(this));
 * }</pre>
 *
 * With Spring Cloud, publish it from a listener of {@code EnvironmentChangeEvent}. Publishing throws the
 * {@code SettingsException} of invalid settings to the publisher; the settings in force then stay.
 *
 * <p>This class is immutable and threadsafe.
 */
public class NotifySettingsChangedEvent extends ApplicationEvent {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param source what changed the settings (for listeners that care); never null */
    public NotifySettingsChangedEvent(Object source) {
        super(source);
    }
}
