package dev.notify.spring.boot;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.settings.SettingsSource;
import dev.notify.spring.boot.internal.NotifyProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * notify's settings from the Spring environment: every key under {@code notify.}, global
 * ({@code notify.email.smtp.host}) and per server ({@code notify.servers.eu-1.email.smtp.host}), from any property
 * source, read with {@code PropertiesFormat.standard().withPrefix("notify.").withSchema(schema)}, so inheritance,
 * origins, credential groups, secrets and validation are exactly those of the properties format. Environment
 * variables ({@code NOTIFY_EMAIL_SMTP_HOST}) are mapped to keys with the schema's key list.
 *
 * <p>The settings are read when this source is created, and again on {@link #reload()} or when a
 * {@link NotifySettingsChangedEvent} is published; the next send uses them, as with
 * {@code InMemorySettingsSource.update}. Invalid settings throw a {@link SettingsException} naming each
 * {@code notify.} key and where it was set; a reload that fails keeps the settings in force.
 *
 * <p>This class is threadsafe.
 */
public final class EnvironmentSettingsSource implements SettingsSource, ApplicationListener<NotifySettingsChangedEvent> {

    private final ConfigurableEnvironment environment;
    private final SettingsSchema schema;
    private final PropertiesFormat format;
    private volatile Read current;

    private record Read(Map<String, String> values, Settings settings) {
    }

    /**
     * Reads the settings now.
     *
     * @param environment the application's environment
     * @param schema      the keys to read: those of the notifier's providers
     * @throws SettingsException when they are invalid, naming each {@code notify.} key and where it was set
     */
    public EnvironmentSettingsSource(ConfigurableEnvironment environment, SettingsSchema schema) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.format = PropertiesFormat.standard().withPrefix(NotifyProperties.PREFIX).withSchema(schema);
        this.current = read(null);
    }

    @Override
    public Settings current() {
        return current.settings();
    }

    /**
     * Reads the environment again; the next send uses what it finds. Returns the same {@link Settings} instance
     * when no {@code notify.} entry changed and none refers to a variable or file, so senders and resolved settings
     * stay cached.
     *
     * @return the settings now in force
     * @throws SettingsException when the environment's settings are invalid; the previous settings stay in force
     */
    public synchronized Settings reload() {
        Read next = read(current);
        current = next;
        return next.settings();
    }

    /** Reloads; an invalid change throws to the publisher of the event. */
    @Override
    public void onApplicationEvent(NotifySettingsChangedEvent event) {
        reload();
    }

    /** The keys this source reads. */
    public SettingsSchema schema() {
        return schema;
    }

    private Read read(Read previous) {
        Map<String, NotifyProperties.Entry> entries = NotifyProperties.read(environment, schema);
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach((key, entry) -> values.put(key, entry.value()));
        if (previous != null && previous.values().equals(values) && !refersOutside(values)) {
            return previous;
        }
        try {
            return new Read(values, format.parse(values));
        } catch (SettingsException e) {
            throw withOrigins(e, entries);
        }
    }

    private static boolean refersOutside(Map<String, String> values) {
        return values.values().stream().anyMatch(v -> v.contains("${env:") || v.contains("${file:"));
    }

    private static SettingsException withOrigins(SettingsException e, Map<String, NotifyProperties.Entry> entries) {
        List<Problem> problems = e.problems().stream().map(p -> {
            NotifyProperties.Entry entry = entries.get(p.key());
            return entry == null ? p : new Problem(p.key(), p.message() + " (" + entry.origin() + ")");
        }).toList();
        return new SettingsException(problems, e.server().orElse(null), e.providerId().orElse(null), e);
    }

    @Override
    public String toString() {
        return "EnvironmentSettingsSource[" + current.settings() + "]";
    }
}
