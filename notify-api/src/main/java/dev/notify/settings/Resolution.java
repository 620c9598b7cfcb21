package dev.notify.settings;

import dev.notify.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a server's effective values from its layer chain; see {@link Settings#resolve(String)}. */
final class Resolution {

    private Resolution() {
    }

    /**
     * @param serverId the server resolved, or null for the global settings
     * @param chain    server layers, nearest first (the server, then the layers it inherits from)
     */
    static ResolvedSettings resolve(String serverId, List<Map.Entry<String, Layer>> chain, Layer global) {
        List<Map.Entry<Origin, Layer>> layers = new ArrayList<>();
        for (Map.Entry<String, Layer> e : chain) {
            layers.add(Map.entry(Origin.server(e.getKey()), e.getValue()));
        }
        layers.add(Map.entry(Origin.GLOBAL, global));

        Map<SettingKey<?>, ResolvedValue<?>> values = new LinkedHashMap<>();
        Map<String, Optional<Map.Entry<Origin, Layer>>> groups = new HashMap<>();
        for (SettingKey<?> key : SettingKeys.all()) {
            Optional<Map.Entry<Origin, Layer>> source = key.credentialGroup()
                    .map(group -> groups.computeIfAbsent(group, g -> nearestMentioning(layers, SettingKeys.group(g))))
                    .orElseGet(() -> nearestMentioning(layers, List.of(key)));
            values.put(key, source.isPresent()
                    ? fromLayer(key, source.get().getValue(), source.get().getKey())
                    : fromDefault(key, values));
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Origin, Layer> layer : layers) {
            for (Problem p : layer.getValue().problems()) {
                problems.add(new Problem(layer.getKey().keyPrefix() + p.key(), p.message()));
            }
        }
        problems.addAll(Validation.problems(new ResolvedSettings(serverId, values, List.of())));
        return new ResolvedSettings(serverId, values, problems);
    }

    private static <T> ResolvedValue<T> fromLayer(SettingKey<T> key, Layer layer, Origin origin) {
        return new ResolvedValue<>(key, layer.get(key).orElse(null), origin);
    }

    private static <T> ResolvedValue<T> fromDefault(SettingKey<T> key, Map<SettingKey<?>, ResolvedValue<?>> values) {
        return new ResolvedValue<>(key, key.defaultValue(k -> valueOf(values, k)), Origin.DEFAULT);
    }

    private static Object valueOf(Map<SettingKey<?>, ResolvedValue<?>> values, SettingKey<?> key) {
        ResolvedValue<?> value = values.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is resolved after a key whose default depends on it");
        }
        return value.value().orElse(null);
    }

    private static Optional<Map.Entry<Origin, Layer>> nearestMentioning(List<Map.Entry<Origin, Layer>> layers,
            List<SettingKey<?>> keys) {
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
