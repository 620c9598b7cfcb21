package dev.notify.internal;

import dev.notify.spi.SettingsExtension;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings extensions of a notifier: explicit ones first, then those ServiceLoader finds, one per id (an
 * explicit one wins). A broken jar is logged and skipped.
 */
public final class Extensions {

    private static final Logger LOG = LoggerFactory.getLogger(Extensions.class);

    private Extensions() {
    }

    public static List<SettingsExtension> discover(List<SettingsExtension> explicit, ClassLoader loader) {
        Map<String, SettingsExtension> byId = new LinkedHashMap<>();
        explicit.forEach(e -> byId.putIfAbsent(e.id(), e));
        if (loader != null) {
            Iterator<SettingsExtension> iterator = ServiceLoader.load(SettingsExtension.class, loader).iterator();
            for (int guard = 0; guard < 1000; guard++) {
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    SettingsExtension found = iterator.next();
                    byId.putIfAbsent(found.id(), found);
                } catch (ServiceConfigurationError e) {
                    LOG.warn("A notify settings extension could not be loaded and is skipped: {}", e.getMessage());
                }
            }
        }
        return new ArrayList<>(byId.values());
    }
}
