package dev.notify.support;

import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings from {@code key=value} lines, parsed as a properties file would be. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Settings parse(String... lines) {
        return PropertiesFormat.standard().parse(map(lines));
    }

    public static Map<String, String> map(String... lines) {
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
