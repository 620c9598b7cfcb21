package dev.notify.spring.boot.health;

import dev.notify.store.SettingsStore;
import dev.notify.store.StoreStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;

/**
 * The settings store's component of the {@code notify} health contributor, named
 * {@value NotifyHealthContributor#SETTINGS_STORE}: its state ({@code OK}, {@code INVALID} or {@code UNAVAILABLE}),
 * the version in force, since when, and why when not {@code OK} (keys, never a secret).
 *
 * <p>Always UP: while the store is unavailable or holds invalid settings, sends go on with the last good settings, so
 * the application can still deliver and a load balancer should not take it out of service; the state is a detail to
 * alert on. Not a health contributor of its own: the {@code notify} contributor shows it. This class is threadsafe.
 */
public final class SettingsStoreHealth {

    private final SettingsStore store;

    public SettingsStoreHealth(SettingsStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** UP, with the store's status as details. */
    public Health health() {
        StoreStatus status = store.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state().name());
        details.put("version", status.version());
        details.put("since", status.since().toString());
        status.problem().ifPresent(problem -> details.put("problem", problem));
        return Health.up().withDetails(details).build();
    }
}
