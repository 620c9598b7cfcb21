package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.spi.SenderProvider;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed providers by channel and id. Explicitly registered providers come first and win over
 * discovered ones with the same id; among discovered providers, or among explicit ones, a repeated id is an
 * error naming both classes. A provider whose jar is broken is logged and skipped, so it does not hide others.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<Channel, Map<String, SenderProvider>> providers;

    private ProviderRegistry(Map<Channel, Map<String, SenderProvider>> providers) {
        this.providers = providers;
    }

    /**
     * @throws IllegalStateException when two providers of one origin share a channel and an id
     */
    public static ProviderRegistry create(List<SenderProvider> explicit, boolean discover, ClassLoader loader) {
        Map<Channel, Map<String, SenderProvider>> byChannel = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            byChannel.put(channel, new TreeMap<>());
        }
        for (SenderProvider provider : explicit) {
            add(byChannel, provider, "registered");
        }
        if (discover) {
            Map<Channel, Map<String, SenderProvider>> discovered = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                discovered.put(channel, new TreeMap<>());
            }
            for (SenderProvider provider : Discovery.load(SenderProvider.class, loader)) {
                add(discovered, provider, "found on the class path");
            }
            discovered.forEach((channel, found) -> found.forEach((id, provider) -> {
                SenderProvider registered = byChannel.get(channel).putIfAbsent(id, provider);
                if (registered != null && registered.getClass() != provider.getClass()) {
                    LOG.debug("Provider {} ({}) registered explicitly; {} found on the class path is not used", id,
                            registered.getClass().getName(), provider.getClass().getName());
                }
            }));
        }
        return new ProviderRegistry(byChannel);
    }

    private static void add(Map<Channel, Map<String, SenderProvider>> byChannel, SenderProvider provider, String how) {
        Map<String, SenderProvider> channel = byChannel.get(provider.channel());
        SenderProvider previous = channel.putIfAbsent(provider.id(), provider);
        if (previous != null) {
            throw new IllegalStateException("Two " + provider.channel().name().toLowerCase(java.util.Locale.ROOT)
                    + " providers " + how + " have the id '" + provider.id() + "': " + previous.getClass().getName()
                    + " and " + provider.getClass().getName() + "; remove one of them from the class path");
        }
    }

    /** Every provider, by channel and then id. */
    public List<SenderProvider> all() {
        List<SenderProvider> all = new java.util.ArrayList<>();
        providers.values().forEach(byId -> all.addAll(byId.values()));
        return List.copyOf(all);
    }

    public Optional<SenderProvider> find(Channel channel, String id) {
        return Optional.ofNullable(providers.get(channel).get(id));
    }

    public Set<String> ids(Channel channel) {
        return new TreeSet<>(providers.get(channel).keySet());
    }
}
