package dev.notify.spi;

import dev.notify.Problem;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems a {@link SettingsValidator} finds in one server's effective settings, each naming the
 * key as the administrator must fix it ({@code servers.eu-1.sms.acme.host}). A key whose entry could not be
 * read is reported once, where it was read: requirements on it are not repeated here.
 *
 * <p>This class is not threadsafe; the core creates one per validation.
 */
public final class SettingsCheck {

    private final ResolvedSettings settings;
    private final Set<String> unreadable;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param unreadable names of the keys ({@code sms.acme.token}) with an entry that could not be read
     */
    public SettingsCheck(ResolvedSettings settings, Set<String> unreadable) {
        this.settings = settings;
        this.unreadable = Set.copyOf(unreadable);
    }

    /** The effective settings checked. */
    public ResolvedSettings settings() {
        return settings;
    }

    /** Whether the key has a value. */
    public boolean isSet(SettingKey<?> key) {
        return settings.find(key).isPresent();
    }

    /** Reports a problem with a key. */
    public SettingsCheck problem(SettingKey<?> key, String message) {
        problems.add(settings.problem(key, message));
        return this;
    }

    /**
     * Requires a value. For a key of a credential group, the message adds that another key of the group is set
     * in a layer that does not set this one.
     *
     * @param why when it is required, {@code required when email.delivery-method=smtp}
     */
    public SettingsCheck require(SettingKey<?> key, String why) {
        if (isSet(key) || unreadable.contains(key.name())) {
            return this;
        }
        Origin origin = settings.origin(key);
        String message = why;
        if (key.credentialGroup().isPresent() && origin.kind() != Origin.Kind.DEFAULT) {
            message += "; " + origin + " sets other keys of this credential group, and a group is never mixed across layers";
        }
        problems.add(Problem.missing(key, settings.fullKey(key), message));
        return this;
    }

    /** Reports a required key that has no value; see {@link Problem#isMissingValue()}. */
    public SettingsCheck missing(SettingKey<?> key, String message) {
        problems.add(Problem.missing(key, settings.fullKey(key), message));
        return this;
    }

    /**
     * Requires both keys or neither is set; when neither is, both are required.
     *
     * @param why when they are required
     */
    public SettingsCheck requireTogether(SettingKey<?> first, SettingKey<?> second, String why) {
        boolean hasFirst = isSet(first) || unreadable.contains(first.name());
        boolean hasSecond = isSet(second) || unreadable.contains(second.name());
        if (hasFirst == hasSecond) {
            if (!hasFirst) {
                require(first, why);
                require(second, why);
            }
            return this;
        }
        SettingKey<?> present = hasFirst ? first : second;
        SettingKey<?> missing = hasFirst ? second : first;
        return problem(missing, "must be set together with " + settings.fullKey(present) + ": credentials resolve "
                + "as a group from one layer, so the " + missing.name() + " of another layer is never used");
    }

    /** Requires exactly one of two alternatives ({@code client-secret} or {@code client-certificate}). */
    public SettingsCheck requireOneOf(SettingKey<?> first, SettingKey<?> second, String why) {
        boolean hasFirst = isSet(first) || unreadable.contains(first.name());
        boolean hasSecond = isSet(second) || unreadable.contains(second.name());
        if (!hasFirst && !hasSecond) {
            return missing(first, why + "; or set " + settings.fullKey(second) + " instead");
        }
        if (hasFirst && hasSecond) {
            return problem(first, "set either it or " + settings.fullKey(second) + ", not both");
        }
        return this;
    }

    /** A password that makes sense only with its file ({@code trust-store-password} without {@code trust-store}). */
    public SettingsCheck requireWith(SettingKey<?> dependent, SettingKey<?> required) {
        if (isSet(dependent) && !isSet(required) && !unreadable.contains(required.name())) {
            problem(dependent, "is set but " + settings.fullKey(required) + " is not");
        }
        return this;
    }

    /** The problems found so far. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
