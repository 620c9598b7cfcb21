package dev.notify.admin.internal;

import dev.notify.settings.Layer;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingsSchema;
import dev.notify.store.ChangeSet;
import dev.notify.store.StoreSnapshot;
import dev.notify.web.WebRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a submitted settings form says about each key of a layer: inherit it, or set it here to a value; for a
 * secret, keep the stored value, replace it or clear it. Turns into a {@link ChangeSet} for Save and into a layer
 * with the unsaved edits for Test Email and Check.
 */
final class FormEdits {

    enum Mode { SET, INHERIT }

    enum SecretAction { KEEP, REPLACE, CLEAR }

    /** One key's state in the form; {@code value} is never kept for a secret beyond the request. */
    record Field(SettingKey<?> key, Mode mode, String value, SecretAction secretAction) {
        @Override
        public String toString() {
            return key.name() + " " + mode + (key.isSecret() ? " " + secretAction : "");
        }
    }

    static final String MODE = "mode:";
    static final String SECRET = "secret:";

    private final Map<String, Field> fields;

    private FormEdits(Map<String, Field> fields) {
        this.fields = fields;
    }

    static FormEdits read(WebRequest request, SettingsSchema schema) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (SettingKey<?> key : schema.keys()) {
            Optional<String> mode = request.formValue(MODE + key.name());
            if (mode.isEmpty()) {
                continue;
            }
            Mode m = mode.get().equals("set") ? Mode.SET : Mode.INHERIT;
            String value = request.formValue(key.name()).orElse(null);
            SecretAction action = switch (request.formValue(SECRET + key.name()).orElse("keep")) {
                case "replace" -> SecretAction.REPLACE;
                case "clear" -> SecretAction.CLEAR;
                default -> SecretAction.KEEP;
            };
            fields.put(key.name(), new Field(key, m, value, action));
        }
        return new FormEdits(fields);
    }

    Optional<Field> field(String keyName) {
        return Optional.ofNullable(fields.get(keyName));
    }

    /**
     * The edits against what the layer stores now: only keys whose state changed.
     *
     * @return empty when the form changes nothing
     */
    Optional<ChangeSet> changeSet(LayerRef layer, StoreSnapshot snapshot, long baseVersion, String author,
            String comment) {
        Layer own = layer.own(snapshot.settings());
        ChangeSet.Builder changes = ChangeSet.builder(baseVersion, author).comment(comment);
        boolean any = false;
        for (Field field : fields.values()) {
            String fullKey = layer.prefix() + field.key().name();
            boolean stored = own.mentions(field.key());
            if (field.mode() == Mode.INHERIT) {
                if (stored) {
                    changes.unset(fullKey);
                    any = true;
                }
            } else if (field.key().isSecret()) {
                if (field.secretAction() == SecretAction.REPLACE && field.value() != null && !field.value().isEmpty()) {
                    changes.setSecret(fullKey, Secret.of(field.value()));
                    any = true;
                } else if (field.secretAction() == SecretAction.CLEAR) {
                    changes.set(fullKey, "");
                    any = true;
                }
            } else {
                String value = Objects.requireNonNullElse(field.value(), "").strip();
                if (!stored || !snapshot.value(fullKey).orElse("").equals(value)) {
                    changes.set(fullKey, value);
                    any = true;
                }
            }
        }
        return any ? Optional.of(changes.build()) : Optional.empty();
    }

    /**
     * The layer as the form shows it, unsaved edits included, starting from the stored layer (whose secrets are
     * the decrypted values in force). Texts that do not parse go to {@code errors} by full key.
     */
    Layer apply(Layer stored, LayerRef layer, Map<String, String> errors) {
        Layer.Builder builder = Layer.builder(stored);
        for (Field field : fields.values()) {
            SettingKey<?> key = field.key();
            String fullKey = layer.prefix() + key.name();
            try {
                if (field.mode() == Mode.INHERIT) {
                    builder.unset(key);
                } else if (key.isSecret()) {
                    if (field.secretAction() == SecretAction.REPLACE && field.value() != null
                            && !field.value().isEmpty()) {
                        setParsed(builder, key, field.value());
                    } else if (field.secretAction() == SecretAction.CLEAR) {
                        builder.clear(key);
                    }
                } else {
                    String value = Objects.requireNonNullElse(field.value(), "").strip();
                    if (value.isEmpty()) {
                        builder.clear(key);
                    } else {
                        setParsed(builder, key, value);
                    }
                }
            } catch (IllegalArgumentException e) {
                errors.put(fullKey, message(key, e));
            }
        }
        return builder.build();
    }

    private static <T> void setParsed(Layer.Builder builder, SettingKey<T> key, String text) {
        builder.set(key, key.parse(text));
    }

    /** The parser's message without the short key it may start with; never the value of a secret. */
    private static String message(SettingKey<?> key, IllegalArgumentException e) {
        if (key.isSecret()) {
            return "not a valid value";
        }
        String message = Objects.requireNonNullElse(e.getMessage(), "not a valid value");
        return message.startsWith(key.name() + ": ") ? message.substring(key.name().length() + 2) : message;
    }
}
