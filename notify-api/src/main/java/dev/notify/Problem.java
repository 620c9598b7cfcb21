package dev.notify;

import dev.notify.settings.SettingKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a setting or a message, named by its full key or field, for example
 * {@code servers.eu-1.sms.acme.port: must be 1-65535, was 70000}.
 *
 * <p>A settings problem also carries its {@link SettingKey}, so the notifier can name the key of the server that
 * was sending when the sender that found the problem is shared by several servers. Never carries a secret value.
 * This class is immutable and threadsafe.
 */
public final class Problem {

    /** The longest quoted value a message shows whole; a longer one shows its start and its length. */
    public static final int MAX_VALUE = 100;
    private static final int MAX_KEY = 200;
    private static final int MAX_MESSAGE = 2_000;

    private final String key;
    private final String message;
    private final SettingKey<?> setting;
    private final boolean missingValue;

    /**
     * @param key     the full settings key ({@code servers.eu-1.sms.acme.port}) or message field ({@code to[1]})
     * @param message what is wrong and, where it helps, what to do
     */
    public Problem(String key, String message) {
        this(key, message, null, false);
    }

    private Problem(String key, String message, SettingKey<?> setting, boolean missingValue) {
        this.key = shortened(Objects.requireNonNull(key, "key"), MAX_KEY);
        this.message = shortenedValues(Objects.requireNonNull(message, "message"));
        this.setting = setting;
        this.missingValue = missingValue;
    }

    /**
     * A problem with a setting.
     *
     * @param fullKey the key as the administrator must fix it, with its layer's prefix
     */
    public static Problem of(SettingKey<?> setting, String fullKey, String message) {
        return new Problem(fullKey, message, Objects.requireNonNull(setting, "setting"), false);
    }

    /** A setting that must be set and is not: a feature is not configured yet, rather than configured wrongly. */
    public static Problem missing(SettingKey<?> setting, String fullKey, String message) {
        return new Problem(fullKey, message, Objects.requireNonNull(setting, "setting"), true);
    }

    /** The full settings key or the message field. */
    public String key() {
        return key;
    }

    public String message() {
        return message;
    }

    /** The setting at fault, for a settings problem reported by a provider or by validation. */
    public Optional<SettingKey<?>> setting() {
        return Optional.ofNullable(setting);
    }

    /** Whether a required setting has no value, as opposed to a value that is wrong. */
    public boolean isMissingValue() {
        return missingValue;
    }

    /** The same problem under another full key (another server's prefix). */
    public Problem withKey(String fullKey) {
        return new Problem(fullKey, message, setting, missingValue);
    }

    /**
     * The message with every quoted value ({@code '...'}) longer than {@value #MAX_VALUE} characters cut to its start
     * and its length, and the whole message cut at 2,000 characters: a 50 MB value is not echoed.
     */
    private static String shortenedValues(String message) {
        if (message.length() <= MAX_VALUE) {
            return message;
        }
        StringBuilder out = new StringBuilder();
        int close = message.lastIndexOf('\'');
        int from = 0;
        while (from < message.length() && out.length() <= MAX_MESSAGE) {
            int open = message.indexOf('\'', from);
            int next = open < 0 ? -1 : message.indexOf('\'', open + 1);
            if (open < 0 || next < 0) {
                out.append(message, from, message.length());
                break;
            }
            int end = next - open - 1 > MAX_VALUE && close > next ? close : next;
            out.append(message, from, open + 1).append(shortened(message.substring(open + 1, end), MAX_VALUE)).append('\'');
            from = end + 1;
        }
        return shortened(out.toString(), MAX_MESSAGE);
    }

    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem other && key.equals(other.key) && message.equals(other.message)
                && Objects.equals(setting, other.setting) && missingValue == other.missingValue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, message);
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
