package dev.notify.settings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One key as an admin page, the CLI's {@code schema} command or IDE metadata shows it.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param name            the key without a server prefix, {@code sms.acme.port}
 * @param type            text, integer, boolean, duration, url, path, secret, email-address or choice
 * @param defaultValue    the default as documented, if there is one
 * @param description     what it means, for an administrator
 * @param section         the admin page section, {@code sms.acme}
 * @param secret          whether the value is masked everywhere
 * @param credentialGroup the group whose keys resolve from one layer together, if any
 * @param allowedValues   a choice's values, as written; empty for other types
 * @param appliesWhen     when the key matters; empty when it always does
 * @param providers       the ids of the providers that read it; empty for the core's keys
 */
public record SettingDescription(String name, String type, Optional<String> defaultValue, String description,
        String section, boolean secret, Optional<String> credentialGroup, List<String> allowedValues,
        Optional<SettingsSchema.Condition> appliesWhen, List<String> providers) {

    public SettingDescription {
        Objects.requireNonNull(name, "name");
        allowedValues = List.copyOf(allowedValues);
        providers = List.copyOf(providers);
    }
}
