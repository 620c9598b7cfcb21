package dev.notify.sms.http.internal;

import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What the four providers' key declarations share. This class is threadsafe. */
public final class SmsKeys {

    private static final Pattern E164 = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 .&_-]{1,11}");

    private SmsKeys() {
    }

    /**
     * A provider's keys plus the core SMS keys its senders read ({@code sms.default-country-code},
     * {@code sms.max-segments}), so servers that differ in those never share a sender.
     */
    public static ProviderSettings settings(List<SettingKey<?>> own, SettingsValidator validator) {
        List<SettingKey<?>> read = new ArrayList<>(own);
        read.add(SettingKeys.SMS_DEFAULT_COUNTRY_CODE);
        read.add(SettingKeys.SMS_MAX_SEGMENTS);
        return ProviderSettings.of(read, validator);
    }

    /**
     * Checks a sender: a phone number in E.164 ({@code +} optional), a short code, or an alphanumeric sender ID
     * of up to 11 characters with at least one letter.
     */
    public static String checkSender(String sender) {
        if (E164.matcher(sender).matches() || SHORT_CODE.matcher(sender).matches()
                || ALPHANUMERIC.matcher(sender).matches()) {
            return null;
        }
        return "must be a phone number in E.164 (+15550100000), a short code, or an alphanumeric sender ID of up to "
                + "11 letters, digits and spaces, was '" + sender + "'";
    }

    /** A check that a text is {@code prefix} followed by 32 lower-case hexadecimal digits, as Twilio's SIDs are. */
    public static java.util.function.Function<String, String> sid(String prefix, String what) {
        Pattern pattern = Pattern.compile(prefix + "[0-9a-f]{32}");
        return value -> pattern.matcher(value).matches() ? null
                : "must be " + what + ": " + prefix + " followed by 32 hexadecimal digits, was '" + value + "'";
    }
}
