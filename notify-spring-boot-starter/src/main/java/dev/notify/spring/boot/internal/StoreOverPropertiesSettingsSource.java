package dev.notify.spring.boot.internal;

import dev.notify.SettingsException;
import dev.notify.settings.Layer;
import dev.notify.settings.SettingKey;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings with two sources stacked per layer: every key the store's global layer sets (or clears) replaces the
 * properties' global value, every key a store's server layer sets replaces that server's property, and what the store
 * does not mention comes from the properties. A server's parent is the store's when it names one, else the
 * properties'. Origins stay those of the layers (global, server), whichever source set a key.
 *
 * <p>A new {@link Settings} is built only when either source returns another instance. When the two cannot be
 * combined (an inheritance cycle across them), the last combined settings stay in force and the problem is logged
 * once per change. Non-secret values the store read through a {@code ${env:}} or {@code ${file:}} reference show as
 * their value, not the reference. Threadsafe.
 */
public final class StoreOverPropertiesSettingsSource implements SettingsSource {

    private static final Logger LOG = LoggerFactory.getLogger(StoreOverPropertiesSettingsSource.class);

    private final SettingsSource properties;
    private final SettingsSource store;
    private volatile Combined last;

    private record Combined(Settings below, Settings above, Settings settings) {
    }

    /**
     * Combines now, so invalid combinations stop the application at startup.
     *
     * @throws SettingsException when the two sources cannot be combined
     */
    public StoreOverPropertiesSettingsSource(SettingsSource properties, SettingsSource store) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.store = Objects.requireNonNull(store, "store");
        Settings below = properties.current();
        Settings above = store.current();
        this.last = new Combined(below, above, combine(below, above));
    }

    @Override
    public Settings current() {
        Settings below = properties.current();
        Settings above = store.current();
        Combined combined = last;
        if (combined.below() == below && combined.above() == above) {
            return combined.settings();
        }
        return recombine(below, above);
    }

    private synchronized Settings recombine(Settings below, Settings above) {
        Combined combined = last;
        if (combined.below() == below && combined.above() == above) {
            return combined.settings();
        }
        Settings settings;
        try {
            settings = combine(below, above);
        } catch (SettingsException e) {
            LOG.warn("notify keeps its previous settings: the settings store and the notify. properties cannot be "
                    + "combined: {}", e.getMessage());
            settings = combined.settings();
        }
        last = new Combined(below, above, settings);
        return settings;
    }

    /** {@code above}'s layers over {@code below}'s, key by key; keeps {@code below}'s schema and key prefix. */
    static Settings combine(Settings below, Settings above) {
        if (above.global().isEmpty() && above.serverIds().isEmpty()) {
            return below;
        }
        Settings.Builder combined = Settings.builder(below).global(over(below.global(), above.global()));
        for (String id : above.serverIds()) {
            Layer layer = over(below.server(id).orElse(Layer.empty()), above.server(id).orElseThrow());
            Optional<String> parent = above.parentOf(id).or(() -> below.parentOf(id));
            if (parent.isPresent()) {
                combined.server(id, parent.get(), layer);
            } else {
                combined.server(id, layer);
            }
        }
        return combined.build();
    }

    private static Layer over(Layer below, Layer above) {
        if (above.isEmpty()) {
            return below;
        }
        if (below.isEmpty()) {
            return above;
        }
        Layer.Builder layer = Layer.builder(below);
        above.keys().forEach(key -> copy(above, key, layer));
        return layer.build();
    }

    private static <T> void copy(Layer from, SettingKey<T> key, Layer.Builder to) {
        Optional<T> value = from.get(key);
        if (value.isPresent()) {
            to.set(key, value.get());
        } else {
            to.clear(key);
        }
    }

    @Override
    public String toString() {
        return "StoreOverPropertiesSettingsSource[" + last.settings() + "]";
    }
}
