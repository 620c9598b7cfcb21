package dev.notify.spi;

import dev.notify.settings.SettingKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a provider owns: its keys, in the order its reference documents them, and how it validates them
 * when it is the chosen delivery method. The core resolves layers, inheritance, credential groups and
 * references for these keys like for its own; it shares a sender among servers whose values of these keys are
 * equal, and builds a new one when one of them changes.
 *
 * <p>Keys another module also declares (the Microsoft identity keys that Graph and SMTP XOAUTH2 both read) may be
 * declared by both: keys are equal by name. This class is immutable and threadsafe.
 */
public final class ProviderSettings {

    private static final ProviderSettings NONE = new ProviderSettings(List.of(), check -> { });

    private final List<SettingKey<?>> keys;
    private final SettingsValidator validator;

    private ProviderSettings(List<SettingKey<?>> keys, SettingsValidator validator) {
        this.keys = keys;
        this.validator = validator;
    }

    /** A provider that reads no settings of its own. */
    public static ProviderSettings none() {
        return NONE;
    }

    /**
     * Declares keys and their validation.
     *
     * @throws IllegalArgumentException when two different keys share a name
     */
    public static ProviderSettings of(Collection<? extends SettingKey<?>> keys, SettingsValidator validator) {
        Objects.requireNonNull(validator, "validator");
        Map<String, SettingKey<?>> byName = new LinkedHashMap<>();
        for (SettingKey<?> key : keys) {
            SettingKey<?> previous = byName.putIfAbsent(key.name(), Objects.requireNonNull(key, "key"));
            if (previous != null && previous != key) {
                throw new IllegalArgumentException("two keys are named " + key.name());
            }
        }
        return new ProviderSettings(List.copyOf(new ArrayList<>(byName.values())), validator);
    }

    public List<SettingKey<?>> keys() {
        return keys;
    }

    public SettingsValidator validator() {
        return validator;
    }
}
