package dev.notify.spring.boot.internal;

import dev.notify.spi.SenderProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of the application's notifier: its {@code SenderProvider} beans, then those ServiceLoader finds
 * that no bean replaces (same channel and id), as {@code NotifierBuilder} orders explicit and discovered ones. A
 * provider whose jar is broken is logged and skipped, so it does not hide the others.
 */
public final class ProviderDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderDiscovery.class);

    private ProviderDiscovery() {
    }

    public static List<SenderProvider> providers(List<SenderProvider> beans, ClassLoader classLoader) {
        List<SenderProvider> providers = new ArrayList<>(beans);
        for (SenderProvider found : discover(classLoader)) {
            boolean replaced = beans.stream()
                    .anyMatch(b -> b.channel() == found.channel() && b.id().equals(found.id()));
            if (replaced) {
                LOG.debug("Provider {} is a bean; {} found on the class path is not used", found.id(),
                        found.getClass().getName());
            } else {
                providers.add(found);
            }
        }
        return providers;
    }

    private static List<SenderProvider> discover(ClassLoader classLoader) {
        List<SenderProvider> found = new ArrayList<>();
        Iterator<SenderProvider> iterator = ServiceLoader.load(SenderProvider.class, classLoader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    return found;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("A notify provider could not be loaded and is skipped: {}", e.getMessage());
            }
        }
    }
}
