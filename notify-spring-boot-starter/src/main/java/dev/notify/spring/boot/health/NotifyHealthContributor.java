package dev.notify.spring.boot.health;

import dev.notify.Notifier;
import dev.notify.ServerNotifier;
import dev.notify.settings.SettingsSource;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code notify} health contributor: one component per server, named by its id, and {@code global} for the
 * global settings. The servers are those the settings name and those that sent, as they are at each request, so a
 * reload that adds a server shows it. A server literally named {@code global} takes the global entry's place. With a
 * settings store ({@code notify.store.type}), a component {@value #SETTINGS_STORE} shows its state
 * ({@link SettingsStoreHealth}); a server of that name takes its place.
 *
 * <p>Each component is UP, with details per channel: enabled, delivery method, ready, problems, the last send's
 * outcome and, when {@code management.health.notify.probe.enabled=true}, the probe's result. It is DOWN only when
 * {@code management.health.notify.probe.down-on-failure=true} and a probe of an enabled, ready channel failed.
 *
 * <p>This class is threadsafe.
 */
public final class NotifyHealthContributor implements CompositeHealthContributor {

    /** The name of the global settings' component. */
    public static final String GLOBAL = "global";

    /** The name of the settings store's component. */
    public static final String SETTINGS_STORE = "settingsStore";

    private final Notifier notifier;
    private final SettingsSource settings;
    private final LastSends lastSends;
    private final NotifyHealthProperties.Probe probe;
    private final Clock clock;
    private final HealthIndicator store;
    private final Map<String, ProbeResults> probes = new ConcurrentHashMap<>();

    public NotifyHealthContributor(Notifier notifier, SettingsSource settings, LastSends lastSends,
            NotifyHealthProperties properties, Clock clock) {
        this(notifier, settings, lastSends, properties, clock, null);
    }

    /** @param store the settings store's component, or null without a store */
    public NotifyHealthContributor(Notifier notifier, SettingsSource settings, LastSends lastSends,
            NotifyHealthProperties properties, Clock clock, SettingsStoreHealth store) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lastSends = Objects.requireNonNull(lastSends, "lastSends");
        this.probe = Objects.requireNonNull(properties, "properties").probe();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = store == null ? null : store::health;
    }

    @Override
    public HealthContributor getContributor(String name) {
        Set<String> servers = servers();
        if (servers.contains(name)) {
            return indicator(name, notifier.server(name));
        }
        if (SETTINGS_STORE.equals(name)) {
            return store;
        }
        return GLOBAL.equals(name) ? indicator(GLOBAL, notifier.global()) : null;
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        Set<String> servers = servers();
        Stream<HealthContributors.Entry> global = servers.contains(GLOBAL) ? Stream.empty()
                : Stream.of(new HealthContributors.Entry(GLOBAL, indicator(GLOBAL, notifier.global())));
        Stream<HealthContributors.Entry> store = this.store == null || servers.contains(SETTINGS_STORE) ? Stream.empty()
                : Stream.of(new HealthContributors.Entry(SETTINGS_STORE, this.store));
        return Stream.concat(Stream.concat(global, store), servers.stream()
                .map(id -> new HealthContributors.Entry(id, indicator(id, notifier.server(id)))));
    }

    private Set<String> servers() {
        Set<String> servers = new TreeSet<>(settings.current().serverIds());
        servers.addAll(lastSends.servers());
        return servers;
    }

    private ServerHealthIndicator indicator(String name, ServerNotifier server) {
        ProbeResults results = probes.computeIfAbsent(name, n -> new ProbeResults());
        return new ServerHealthIndicator(server, lastSends, results, probe, clock);
    }
}
