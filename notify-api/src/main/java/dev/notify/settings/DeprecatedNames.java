package dev.notify.settings;

import dev.notify.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deprecated key names a {@link Settings} was written with, as notices and as one warning per name. */
final class DeprecatedNames {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private DeprecatedNames() {
    }

    /**
     * One notice per layer and deprecated name, keyed as written ({@code servers.eu-1.sms.sender}); logs one warning
     * per deprecated name, listing where it is written.
     */
    static List<Problem> noticesWarnedOnce(Layer global, Map<String, Layer> servers) {
        List<Problem> notices = new ArrayList<>();
        Map<String, List<String>> written = new LinkedHashMap<>();
        Map<String, SettingKey<?>> keys = new LinkedHashMap<>();
        Map<String, Layer> layers = new LinkedHashMap<>();
        layers.put("", global);
        servers.forEach((id, layer) -> layers.put("servers." + id + ".", layer));
        layers.forEach((prefix, layer) -> layer.deprecatedNames().forEach((name, key) -> {
            notices.add(Problem.of(key, prefix + name, "deprecated name of " + prefix + key.name()
                    + ", read as that key; rename it"));
            written.computeIfAbsent(name, n -> new ArrayList<>()).add(prefix + name);
            keys.put(name, key);
        }));
        written.forEach((name, where) -> LOG.warn("The setting {} is deprecated: rename it to {} (read as {} until "
                + "then); written as {}", name, keys.get(name).name(), keys.get(name).name(), String.join(", ", where)));
        return List.copyOf(notices);
    }
}
