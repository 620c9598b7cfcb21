package dev.notify.spring.boot.internal;

import dev.notify.settings.SettingsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code notify.} entries of a Spring environment, as {@code PropertiesFormat} reads them: every key that any
 * enumerable property source names (application.properties and .yml, profiles, config trees, command-line
 * arguments, system properties, test properties), plus environment variables named {@code NOTIFY_...}, each with the
 * value of the source that comes first, as Spring's own lookups choose. The starter's own {@code notify.store.},
 * {@code notify.sms-receipts.} and {@code notify.admin.} properties are not settings and are left out.
 *
 * <p>Spring placeholders in values ({@code ${SMTP_HOST}}, {@code ${smtp.host:localhost}}) are resolved; notify's own
 * references {@code ${env:NAME}} and {@code ${file:PATH}} are left for {@code PropertiesFormat}. A placeholder that
 * Spring cannot resolve is left as written, and notify then reports it against its key.
 */
public final class NotifyProperties {

    /** The prefix of every key in the Spring environment. */
    public static final String PREFIX = "notify.";

    /** The starter's own properties of the settings store ({@code notify.store.type}), which are not settings. */
    public static final String STORE_PREFIX = PREFIX + "store.";

    /** The starter's own properties of the SMS delivery receipt endpoint, which are not settings. */
    public static final String RECEIPTS_PREFIX = PREFIX + "sms-receipts.";

    /** The starter's own properties of the admin page ({@code notify.admin.enabled}), which are not settings. */
    public static final String ADMIN_PREFIX = PREFIX + "admin.";

    private static final String VARIABLE_PREFIX = "NOTIFY_";
    private static final Pattern NOTIFY_REFERENCE = Pattern.compile("\\$\\{(?:env|file):[^}]*}");
    private static final Pattern SERVER = Pattern.compile(Pattern.quote(PREFIX) + "servers\\.([^.]+)\\..+");

    /**
     * One entry.
     *
     * @param value  the value, Spring placeholders resolved
     * @param origin where it was set, for messages: a file and line, a property source's name or a variable
     */
    public record Entry(String value, String origin) {
    }

    private NotifyProperties() {
    }

    /** The entries, keyed with their {@code notify.} prefix, sorted by key. */
    public static Map<String, Entry> read(ConfigurableEnvironment environment, SettingsSchema schema) {
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(s -> {
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(s)) {
                sources.add(s);
            }
        });
        Set<String> keys = new TreeSet<>();
        Set<String> servers = new TreeSet<>();
        for (PropertySource<?> source : sources) {
            for (String name : names(source)) {
                if (name.startsWith(PREFIX) && !name.startsWith(STORE_PREFIX) && !name.startsWith(RECEIPTS_PREFIX)
                        && !name.startsWith(ADMIN_PREFIX)) {
                    keys.add(name);
                    Matcher server = SERVER.matcher(name);
                    if (server.matches()) {
                        servers.add(server.group(1));
                    }
                }
            }
        }
        EnvironmentVariableKeys variableKeys = new EnvironmentVariableKeys(schema);
        Map<PropertySource<?>, Map<String, String>> variables = new LinkedHashMap<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof SystemEnvironmentPropertySource) {
                Map<String, String> byKey = new LinkedHashMap<>();
                for (String name : names(source)) {
                    if (name.startsWith(VARIABLE_PREFIX)) {
                        variableKeys.key(name.substring(VARIABLE_PREFIX.length()), servers)
                                .ifPresent(key -> byKey.putIfAbsent(PREFIX + key, name));
                    }
                }
                keys.addAll(byKey.keySet());
                variables.put(source, byKey);
            }
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String key : keys) {
            for (PropertySource<?> source : sources) {
                Optional<Entry> entry = entry(environment, source, key, variables.getOrDefault(source, Map.of()));
                if (entry.isPresent()) {
                    entries.put(key, entry.get());
                    break;
                }
            }
        }
        return entries;
    }

    private static Optional<Entry> entry(ConfigurableEnvironment environment, PropertySource<?> source, String key,
            Map<String, String> variables) {
        String variable = variables.get(key);
        String name = variable != null ? variable : key;
        if (!source.containsProperty(name)) {
            return Optional.empty();
        }
        Object raw = source.getProperty(name);
        String value = resolve(environment, raw == null ? "" : raw.toString());
        if (variable != null || source instanceof SystemEnvironmentPropertySource) {
            return Optional.of(new Entry(value, "environment variable " + environmentName(source, name)));
        }
        Origin origin = OriginLookup.getOrigin(source, name);
        return Optional.of(new Entry(value, origin != null ? origin.toString() : "property source '" + source.getName() + "'"));
    }

    private static String environmentName(PropertySource<?> source, String name) {
        if (source instanceof EnumerablePropertySource<?> enumerable) {
            for (String candidate : enumerable.getPropertyNames()) {
                if (candidate.equals(name)) {
                    return name;
                }
            }
        }
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Resolves Spring placeholders outside notify's own {@code ${env:...}} and {@code ${file:...}} references. */
    static String resolve(ConfigurableEnvironment environment, String value) {
        if (!value.contains("${")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        Matcher reference = NOTIFY_REFERENCE.matcher(value);
        int end = 0;
        while (reference.find()) {
            out.append(environment.resolvePlaceholders(value.substring(end, reference.start()))).append(reference.group());
            end = reference.end();
        }
        return out.append(environment.resolvePlaceholders(value.substring(end))).toString();
    }

    private static String[] names(PropertySource<?> source) {
        return source instanceof EnumerablePropertySource<?> enumerable ? enumerable.getPropertyNames() : new String[0];
    }
}
