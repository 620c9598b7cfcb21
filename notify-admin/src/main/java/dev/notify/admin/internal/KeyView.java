package dev.notify.admin.internal;

import dev.notify.Channel;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.SettingsSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the page needs to know of a key that depends on the schema only: its control and choices, the value a
 * select falls back to, when it applies (a delivery method) and the switch of its channel ({@code email.enabled}
 * for every other {@code email.*} key), whose {@code false} hides it as the delivery method's condition does.
 * Immutable.
 *
 * @param defaultChoice the value a select shows when the key has none ({@code data-default}): the default
 *                      delivery method of a delivery-method key, empty otherwise
 * @param channelSwitch the name of the {@code <channel>.enabled} key that turns the key's channel on, or null
 */
record KeyView(SettingKey<?> key, SettingRow.Control control, List<String> choices,
        Optional<SettingsSchema.Condition> appliesWhen, String defaultChoice, String channelSwitch) {

    /** Every key of the schema, in the schema's order. */
    static List<KeyView> of(SettingsSchema schema) {
        List<KeyView> keys = new ArrayList<>();
        for (SettingKey<?> key : schema.keys()) {
            List<String> choices = choices(key, schema);
            keys.add(new KeyView(key, control(key, choices), choices, schema.appliesWhen(key),
                    defaultChoice(key, schema), channelSwitch(key)));
        }
        return List.copyOf(keys);
    }

    String name() {
        return key.name();
    }

    private static SettingRow.Control control(SettingKey<?> key, List<String> choices) {
        if (key.isSecret()) {
            return SettingRow.Control.SECRET;
        }
        if (key.type() == Boolean.class || !choices.isEmpty()) {
            return SettingRow.Control.SELECT;
        }
        return key.type() == Integer.class ? SettingRow.Control.NUMBER : SettingRow.Control.TEXT;
    }

    private static List<String> choices(SettingKey<?> key, SettingsSchema schema) {
        if (key.type() == Boolean.class) {
            return List.of("true", "false");
        }
        for (Channel channel : Channel.values()) {
            if (key.equals(SettingKeys.deliveryMethod(channel))) {
                return List.copyOf(schema.providerIds(channel));
            }
        }
        return key.allowedValues();
    }

    private static String defaultChoice(SettingKey<?> key, SettingsSchema schema) {
        for (Channel channel : Channel.values()) {
            if (key.equals(SettingKeys.deliveryMethod(channel))) {
                return schema.defaultDeliveryMethod(channel).orElse("");
            }
        }
        return "";
    }

    private static String channelSwitch(SettingKey<?> key) {
        for (Channel channel : Channel.values()) {
            SettingKey<Boolean> enabled = SettingKeys.enabled(channel);
            String prefix = enabled.name().substring(0, enabled.name().lastIndexOf('.') + 1);
            if (key.name().startsWith(prefix) && !key.equals(enabled)) {
                return enabled.name();
            }
        }
        return null;
    }
}
