package dev.notify.settings;

import dev.notify.Channel;
import dev.notify.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Computes a server's effective values from its layer chain; see {@link Settings#resolve(String)}. */
final class Resolution {

    private final SettingsSchema schema;
    private final String keyPrefix;
    private final String serverId;
    private final List<Map.Entry<Origin, Layer>> layers = new ArrayList<>();
    private final Map<SettingKey<?>, ResolvedValue<?>> values = new HashMap<>();
    private final Map<String, Optional<Map.Entry<Origin, Layer>>> groups = new HashMap<>();
    private final Set<SettingKey<?>> resolving = new HashSet<>();

    private Resolution(SettingsSchema schema, String keyPrefix, String serverId) {
        this.schema = schema;
        this.keyPrefix = keyPrefix;
        this.serverId = serverId;
    }

    /**
     * @param keyPrefix what the administrator writes before every key ({@code notify.}), or ""
     * @param serverId  the server resolved, or null for the global settings
     * @param chain    server layers, nearest first (the server, then the layers it inherits from)
     */
    static ResolvedSettings resolve(SettingsSchema schema, String keyPrefix, String serverId,
            List<Map.Entry<String, Layer>> chain, Layer global) {
        Resolution r = new Resolution(schema, keyPrefix, serverId);
        for (Map.Entry<String, Layer> e : chain) {
            r.layers.add(Map.entry(Origin.server(e.getKey()), e.getValue()));
        }
        r.layers.add(Map.entry(Origin.GLOBAL, global));
        return r.run();
    }

    private ResolvedSettings run() {
        Map<SettingKey<?>, ResolvedValue<?>> ordered = new LinkedHashMap<>();
        for (SettingKey<?> key : schema.keys()) {
            ordered.put(key, value(key));
        }
        List<Problem> readProblems = new ArrayList<>();
        Set<String> unreadable = new HashSet<>();
        Map<String, Origin> uninstalled = new LinkedHashMap<>();
        for (Map.Entry<Origin, Layer> layer : layers) {
            for (Problem p : layer.getValue().problems()) {
                readProblems.add(p.withKey(keyPrefix + layer.getKey().keyPrefix() + p.key()));
                unreadable.add(p.key());
            }
            layer.getValue().uninstalledKeys().forEach(k -> uninstalled.putIfAbsent(k, layer.getKey()));
            for (SettingKey<?> key : layer.getValue().keys()) {
                if (schema.key(key.name()).isEmpty() && schema.uninstalledSection(key.name()).isPresent()) {
                    uninstalled.putIfAbsent(key.name(), layer.getKey());
                }
            }
        }
        ResolvedSettings unchecked = new ResolvedSettings(keyPrefix, serverId, ordered, List.of(), List.of());
        return new ResolvedSettings(keyPrefix, serverId, ordered, readProblems,
                schema.validate(unchecked, unreadable, uninstalled));
    }

    private ResolvedValue<?> value(SettingKey<?> key) {
        ResolvedValue<?> known = values.get(key);
        if (known != null) {
            return known;
        }
        if (!resolving.add(key)) {
            throw new IllegalStateException("the default of " + key + " depends on itself");
        }
        Optional<Map.Entry<Origin, Layer>> source = key.credentialGroup()
                .map(group -> groups.computeIfAbsent(group, g -> nearestMentioning(schema.group(g))))
                .orElseGet(() -> nearestMentioning(List.of(key)));
        ResolvedValue<?> value = source.isPresent()
                ? fromLayer(key, source.get().getValue(), source.get().getKey())
                : fromDefault(key);
        values.put(key, value);
        resolving.remove(key);
        return value;
    }

    private <T> ResolvedValue<T> fromLayer(SettingKey<T> key, Layer layer, Origin origin) {
        return new ResolvedValue<>(key, layer.get(key).orElse(null), origin, serverId);
    }

    private <T> ResolvedValue<T> fromDefault(SettingKey<T> key) {
        for (Channel channel : Channel.values()) {
            if (key.equals(SettingKeys.deliveryMethod(channel))) {
                String method = schema.defaultDeliveryMethod(channel).orElse(null);
                return new ResolvedValue<>(key, key.type().cast(method), Origin.DEFAULT, serverId);
            }
        }
        T value = key.defaultValue(new SettingKey.Lookup() {
            @Override
            public <V> Optional<V> find(SettingKey<V> other) {
                return value(other).value().map(other.type()::cast);
            }
        });
        return new ResolvedValue<>(key, value, Origin.DEFAULT, serverId);
    }

    private Optional<Map.Entry<Origin, Layer>> nearestMentioning(List<SettingKey<?>> keys) {
        for (Map.Entry<Origin, Layer> layer : layers) {
            for (SettingKey<?> key : keys) {
                if (layer.getValue().mentions(key)) {
                    return Optional.of(layer);
                }
            }
        }
        return Optional.empty();
    }
}
