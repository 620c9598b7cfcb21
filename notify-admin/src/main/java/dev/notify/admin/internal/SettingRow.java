package dev.notify.admin.internal;

import dev.notify.Channel;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.Settings;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One key as a layer's page shows it: the control's kind and choices, the value in the field (never a secret's),
 * whether the layer sets it here, where an inherited value comes from, and when the key applies.
 */
record SettingRow(SettingKey<?> key, String fullKey, Control control, List<String> choices, String value,
        boolean setHere, String origin, boolean secretSet, String inheritedValue, String inheritedOrigin,
        boolean inheritedSecretSet, Optional<SettingsSchema.Condition> appliesWhen) {

    enum Control { TEXT, NUMBER, SELECT, SECRET }

    /**
     * The row for a key, from the stored layer or, when the form was submitted, from what the form said.
     *
     * @param overlay the submitted form, or null for the stored state
     */
    static SettingRow of(SettingKey<?> key, LayerRef layer, StoreSnapshot snapshot, ResolvedSettings resolved,
            Optional<ResolvedSettings> parent, SettingsSchema schema, FormEdits overlay) {
        Settings settings = snapshot.settings();
        String fullKey = layer.prefix() + key.name();
        boolean storedHere = layer.own(settings).mentions(key);
        Optional<FormEdits.Field> field = overlay == null ? Optional.empty() : overlay.field(key.name());
        boolean setHere = field.map(f -> f.mode() == FormEdits.Mode.SET).orElse(storedHere);

        String inheritedValue;
        String inheritedOrigin;
        boolean inheritedSecretSet;
        ResolvedValue<?> inherited = parent.map(p -> value(p, key)).orElse(null);
        if (inherited == null) {
            inheritedValue = key.isSecret() ? "" : key.defaultDescription().orElse("");
            inheritedSecretSet = false;
            inheritedOrigin = key.hasDefault() ? "default" : "not set";
        } else {
            inheritedSecretSet = inherited.value().isPresent();
            inheritedValue = key.isSecret() ? "" : inherited.displayValue();
            inheritedOrigin = originText(inherited.origin(), settings, inherited.value().isPresent());
        }

        String value = inheritedValue;
        boolean secretSet = inheritedSecretSet;
        String origin = inheritedOrigin;
        if (setHere) {
            origin = "set here";
            ResolvedValue<?> own = value(resolved, key);
            secretSet = storedHere && own != null && own.value().isPresent();
            if (key.isSecret()) {
                value = "";
                if (field.isPresent() && field.get().secretAction() == FormEdits.SecretAction.CLEAR) {
                    secretSet = false;
                } else if (field.isPresent() && field.get().secretAction() == FormEdits.SecretAction.REPLACE) {
                    secretSet = field.get().value() != null && !field.get().value().isEmpty();
                }
            } else if (field.isPresent()) {
                value = field.get().value() == null ? "" : field.get().value();
            } else {
                value = snapshot.value(fullKey).orElse(own == null ? "" : own.displayValue());
            }
        }
        return new SettingRow(key, fullKey, control(key, schema), choices(key, schema), value, setHere, origin,
                secretSet, inheritedValue, inheritedOrigin, inheritedSecretSet, schema.appliesWhen(key));
    }

    private static ResolvedValue<?> value(ResolvedSettings settings, SettingKey<?> key) {
        for (ResolvedValue<?> v : settings.values()) {
            if (v.key().equals(key)) {
                return v;
            }
        }
        return null;
    }

    private static String originText(Origin origin, Settings settings, boolean hasValue) {
        return switch (origin.kind()) {
            case DEFAULT -> hasValue ? "default" : "not set";
            case GLOBAL -> "inherited from global";
            case SERVER -> {
                String id = origin.serverId().orElse("");
                yield (LayerRef.isParent(settings, id) ? "from region " : "from server ") + id;
            }
        };
    }

    private static Control control(SettingKey<?> key, SettingsSchema schema) {
        if (key.isSecret()) {
            return Control.SECRET;
        }
        if (key.type() == Boolean.class || !choices(key, schema).isEmpty()) {
            return Control.SELECT;
        }
        return key.type() == Integer.class ? Control.NUMBER : Control.TEXT;
    }

    private static List<String> choices(SettingKey<?> key, SettingsSchema schema) {
        if (key.type() == Boolean.class) {
            return List.of("true", "false");
        }
        for (Channel channel : Channel.values()) {
            if (key.equals(SettingKeys.deliveryMethod(channel))) {
                return new ArrayList<>(schema.providerIds(channel));
            }
        }
        return key.allowedValues();
    }
}
