package dev.notify.admin.internal;

import dev.notify.settings.Layer;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.ResolvedValue;
import dev.notify.settings.SettingKey;
import java.util.Optional;

/**
 * One key as a layer's page shows it: the value in the field (never a secret's), whether the layer sets it here,
 * where an inherited value comes from; the control, choices and conditions are the key's {@link KeyView}.
 */
record SettingRow(KeyView view, String fullKey, String value, boolean setHere, String origin, boolean secretSet,
        String inheritedValue, String inheritedOrigin, boolean inheritedSecretSet) {

    enum Control { TEXT, NUMBER, SELECT, SECRET }

    /** What one layer of a snapshot resolves to: its own values, its effective and its inherited settings. */
    record LayerValues(LayerRef layer, Layer own, ResolvedSettings resolved, Optional<ResolvedSettings> parent) {

        static LayerValues of(LayerRef layer, SnapshotView view) {
            return new LayerValues(layer, layer.own(view.settings()), layer.resolve(view.settings()),
                    layer.parent(view.settings()));
        }
    }

    SettingKey<?> key() {
        return view.key();
    }

    /**
     * The row for a key, from the stored layer or, when the form was submitted, from what the form said.
     *
     * @param overlay the submitted form, or null for the stored state
     */
    static SettingRow of(KeyView view, LayerValues values, SnapshotView snapshot, FormEdits overlay) {
        SettingKey<?> key = view.key();
        String fullKey = values.layer().prefix() + key.name();
        boolean storedHere = values.own().mentions(key);
        Optional<FormEdits.Field> field = overlay == null ? Optional.empty() : overlay.field(key.name());
        boolean setHere = field.map(f -> f.mode() == FormEdits.Mode.SET).orElse(storedHere);

        String inheritedValue;
        String inheritedOrigin;
        boolean inheritedSecretSet;
        ResolvedValue<?> inherited = values.parent().map(p -> value(p, key)).orElse(null);
        if (inherited == null) {
            inheritedValue = key.isSecret() ? "" : key.defaultDescription().orElse("");
            inheritedSecretSet = false;
            inheritedOrigin = key.hasDefault() ? "default" : "not set";
        } else {
            inheritedSecretSet = inherited.value().isPresent();
            inheritedValue = key.isSecret() ? "" : inherited.displayValue();
            inheritedOrigin = originText(inherited.origin(), snapshot, inherited.value().isPresent());
        }

        String value = inheritedValue;
        boolean secretSet = inheritedSecretSet;
        String origin = inheritedOrigin;
        if (setHere) {
            origin = "set here";
            ResolvedValue<?> own = value(values.resolved(), key);
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
                value = snapshot.snapshot().value(fullKey).orElse(own == null ? "" : own.displayValue());
            }
        }
        return new SettingRow(view, fullKey, value, setHere, origin, secretSet, inheritedValue, inheritedOrigin,
                inheritedSecretSet);
    }

    private static ResolvedValue<?> value(ResolvedSettings settings, SettingKey<?> key) {
        return settings.resolvedValue(key.name()).filter(v -> v.key().equals(key)).orElse(null);
    }

    private static String originText(Origin origin, SnapshotView snapshot, boolean hasValue) {
        return switch (origin.kind()) {
            case DEFAULT -> hasValue ? "default" : "not set";
            case GLOBAL -> "inherited from global";
            case SERVER -> {
                String id = origin.serverId().orElse("");
                yield (snapshot.isRegion(id) ? "from region " : "from server ") + id;
            }
        };
    }
}
