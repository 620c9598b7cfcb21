package dev.notify.sample.boot;

import dev.notify.SettingsException;
import dev.notify.spring.boot.NotifySettingsChangedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Service;

/**
 * What the portal's admin page calls on Save: the administrator's {@code notify.} properties go into a property
 * source ahead of application.yml, and notify reads them for the next send. Invalid settings are refused with
 * every problem, and the settings in force stay.
 */
@Service
public class NotifySettingsAdmin {

    static final String SOURCE = "notify-admin";

    private final ConfigurableEnvironment environment;
    private final ApplicationEventPublisher events;

    public NotifySettingsAdmin(ConfigurableEnvironment environment, ApplicationEventPublisher events) {
        this.environment = environment;
        this.events = events;
    }

    /**
     * Replaces the administrator's properties.
     *
     * @throws SettingsException naming each invalid {@code notify.} key; nothing changed then
     */
    public synchronized void save(Map<String, String> properties) {
        PropertySource<?> previous = environment.getPropertySources().remove(SOURCE);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, new LinkedHashMap<>(properties)));
        try {
            events.publishEvent(new NotifySettingsChangedEvent(this));
        } catch (SettingsException e) {
            environment.getPropertySources().remove(SOURCE);
            if (previous != null) {
                environment.getPropertySources().addFirst(previous);
            }
            throw e;
        }
    }
}
