package dev.notify.testkit;

import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings written inline in a test, one {@code key=value} line each, read exactly as a properties file with the
 * same keys would be (without properties escapes: everything after the first '=' is the value).
 *
 * <pre>{@code
 * Settings settings = TestSettings.parse("email.enabled=true", "email.sender=portal@example.com",
 *         "servers.eu-1.email.smtp.host=relay-eu.example.com");
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /**
     * Parses lines with {@link PropertiesFormat#standard()}.
     *
     * @throws dev.notify.SettingsException naming every bad key
     */
    public static Settings parse(String... lines) {
        return PropertiesFormat.standard().parse(properties(lines));
    }

    /**
     * The lines as a map, in order.
     *
     * @throws IllegalArgumentException for a line without '='
     */
    public static Map<String, String> properties(String... lines) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not key=value: " + line);
            }
            map.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return map;
    }
}
