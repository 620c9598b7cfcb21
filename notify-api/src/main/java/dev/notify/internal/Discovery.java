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
 * notify's one ServiceLoader loop, for providers and settings extensions alike. A module whose registration is
 * broken (a missing class, a constructor that throws) is logged and skipped, so it does not hide the others.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    /** More registrations than any class path holds; ends the loop should an iterator keep failing. */
    private static final int MAX_REGISTRATIONS = 1000;

    private Discovery() {
    }

    /** The implementations of {@code service} registered in {@code META-INF/services} and visible to {@code loader}. */
    public static <T> List<T> load(Class<T> service, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        Iterator<T> iterator = ServiceLoader.load(service, loader).iterator();
        for (int i = 0; i < MAX_REGISTRATIONS; i++) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("A notify module registered as {} could not be loaded and is skipped: {}",
                        service.getSimpleName(), e.getMessage());
            }
        }
        return found;
    }

    /**
     * The settings extensions: the explicit ones first, then those {@code loader} finds (none when it is null),
     * one per id. An explicit extension wins over a discovered one with the same id; two explicit ones, or two
     * discovered ones, with the same id are an error naming both classes.
     *
     * @throws IllegalStateException when two extensions of one origin share an id
     */
    public static List<SettingsExtension> extensions(List<SettingsExtension> explicit, ClassLoader loader) {
        Map<String, SettingsExtension> byId = byId(explicit, "registered");
        if (loader != null) {
            byId(load(SettingsExtension.class, loader), "found on the class path").forEach((id, found) -> {
                SettingsExtension registered = byId.putIfAbsent(id, found);
                if (registered != null) {
                    LOG.debug("Settings extension {} ({}) registered explicitly; {} found on the class path is not used",
                            id, registered.getClass().getName(), found.getClass().getName());
                }
            });
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<String, SettingsExtension> byId(List<SettingsExtension> extensions, String how) {
        Map<String, SettingsExtension> byId = new LinkedHashMap<>();
        for (SettingsExtension extension : extensions) {
            SettingsExtension previous = byId.putIfAbsent(extension.id(), extension);
            if (previous != null && previous != extension) {
                throw new IllegalStateException("Two settings extensions " + how + " have the id '" + extension.id()
                        + "': " + previous.getClass().getName() + " and " + extension.getClass().getName()
                        + "; remove one of them");
            }
        }
        return byId;
    }
}
