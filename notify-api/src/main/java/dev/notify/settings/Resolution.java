package dev.notify.settings;

import dev.notify.Channel;
import dev.notify.Problem;
import dev.notify.template.TemplateKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes effective values from one layer and what the layer inherits: the global settings from the global
 * layer and the defaults, a server's from its own layer and the resolved settings of the layer below it (the
 * server it inherits from, or the global settings). Each server of a chain is thus resolved once; see
 * {@link Settings#resolve(String)}.
 */
final class Resolution {

    private final SettingsSchema schema;
    private final String keyPrefix;
    private final String serverId;
    private final Origin origin;
    private final Layer layer;
    private final ResolvedSettings inherited;
    private final Map<SettingKey<?>, ResolvedValue<?>> values = new HashMap<>();
    private final Map<String, Boolean> groupsMentioned = new HashMap<>();
    private final Set<SettingKey<?>> resolving = new HashSet<>();

    private Resolution(SettingsSchema schema, String keyPrefix, String serverId, Origin origin, Layer layer,
            ResolvedSettings inherited) {
        this.schema = schema;
        this.keyPrefix = keyPrefix;
        this.serverId = serverId;
        this.origin = origin;
        this.layer = layer;
        this.inherited = inherited;
    }

    static ResolvedSettings resolveGlobal(SettingsSchema schema, String keyPrefix, Layer global) {
        return new Resolution(schema, keyPrefix, null, Origin.GLOBAL, global, null).run();
    }

    /** @param inherited the resolved settings of the layer below: the parent server's, or the global ones */
    static ResolvedSettings resolveServer(SettingsSchema schema, String keyPrefix, String serverId, Layer layer,
            ResolvedSettings inherited) {
        return new Resolution(schema, keyPrefix, serverId, Origin.server(serverId), layer, inherited).run();
    }

    private ResolvedSettings run() {
        Map<SettingKey<?>, ResolvedValue<?>> ordered = new LinkedHashMap<>();
        for (SettingKey<?> key : schema.keys()) {
            ordered.put(key, value(key));
        }
        for (SettingKey<?> key : schema.templateKeys()) {
            ordered.put(key, value(key));
        }
        for (SettingKey<?> key : layer.keys()) {
            if (!ordered.containsKey(key) && TemplateKeys.isTemplateOrMessage(key.name())) {
                ordered.put(key, value(key));
            }
        }
        if (inherited != null) {
            for (ResolvedValue<?> below : inherited.values()) {
                if (!ordered.containsKey(below.key())) {
                    ordered.put(below.key(), value(below.key()));
                }
            }
        }
        List<Problem> readProblems = new ArrayList<>();
        Set<String> unreadable = new HashSet<>();
        Map<String, Origin> uninstalled = new LinkedHashMap<>();
        for (Problem p : layer.problems()) {
            readProblems.add(p.withKey(keyPrefix + origin.keyPrefix() + p.key()));
            unreadable.add(p.key());
        }
        layer.uninstalledKeys().forEach(k -> uninstalled.putIfAbsent(k, origin));
        for (SettingKey<?> key : layer.keys()) {
            if (schema.key(key.name()).isEmpty() && schema.uninstalledSection(key.name()).isPresent()) {
                uninstalled.putIfAbsent(key.name(), origin);
            }
        }
        if (inherited != null) {
            readProblems.addAll(inherited.readProblems());
            unreadable.addAll(inherited.unreadable());
            inherited.uninstalled().forEach(uninstalled::putIfAbsent);
        }
        ResolvedSettings unchecked = new ResolvedSettings(keyPrefix, serverId, ordered, List.of(), List.of(), Set.of(),
                Map.of());
        return new ResolvedSettings(keyPrefix, serverId, ordered, readProblems,
                schema.validate(unchecked, unreadable, uninstalled), unreadable, uninstalled);
    }

    private ResolvedValue<?> value(SettingKey<?> key) {
        ResolvedValue<?> known = values.get(key);
        if (known != null) {
            return known;
        }
        if (!resolving.add(key)) {
            throw new IllegalStateException("the default of " + key + " depends on itself");
        }
        boolean mentioned = key.credentialGroup()
                .map(group -> groupsMentioned.computeIfAbsent(group, g -> mentionsAny(schema.group(g))))
                .orElseGet(() -> layer.mentions(key));
        ResolvedValue<?> below = inherited == null ? null : inherited.resolvedValue(key);
        ResolvedValue<?> value;
        if (mentioned) {
            value = fromLayer(key, layer, origin);
        } else if (below != null && below.origin().kind() != Origin.Kind.DEFAULT) {
            value = below.forServer(serverId);
        } else {
            value = fromDefault(key);
        }
        values.put(key, value);
        resolving.remove(key);
        return value;
    }

    private boolean mentionsAny(List<SettingKey<?>> keys) {
        for (SettingKey<?> key : keys) {
            if (layer.mentions(key)) {
                return true;
            }
        }
        return false;
    }

    private <T> ResolvedValue<T> fromLayer(SettingKey<T> key, Layer layer, Origin origin) {
        return new ResolvedValue<>(key, layer.get(key).orElse(null), origin, serverId,
                layer.reference(key).orElse(null));
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
}
