package dev.notify.sms.internal;

import dev.notify.InvalidMessageException;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.settings.SmsRecipientFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sms.*} values a gateway sender works with, read once when it is created.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param sender             {@code sms.sender}, the From of gateway mails
 * @param destinationDomain  {@code sms.destination-domain}
 * @param defaultCountryCode {@code sms.default-country-code}, or null
 * @param recipientFormat    {@code sms.recipient-format}
 * @param maxSegments        {@code sms.max-segments}
 * @param subject            {@code sms.subject}, or empty
 */
public record GatewaySettings(EmailAddress sender, String destinationDomain, Integer defaultCountryCode,
        SmsRecipientFormat recipientFormat, int maxSegments, String subject) {

    private static final String EXAMPLE_LOCAL_PART = "15550101234";

    /**
     * Reads the settings.
     *
     * @throws SettingsException naming the full keys of required settings that have no value, or the domain's
     *     full key when the gateway addresses built from it would not be valid email addresses
     */
    public static GatewaySettings from(ResolvedSettings settings) {
        List<Problem> problems = new ArrayList<>();
        if (settings.find(SettingKeys.SMS_SENDER).isEmpty()) {
            problems.add(new Problem(settings.fullKey(SettingKeys.SMS_SENDER),
                    "required by the email-to-SMS gateway: the address registered with the gateway"));
        }
        if (settings.find(SettingKeys.SMS_DESTINATION_DOMAIN).isEmpty()) {
            problems.add(new Problem(settings.fullKey(SettingKeys.SMS_DESTINATION_DOMAIN),
                    "required by the email-to-SMS gateway: the gateway's domain"));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        String domain = settings.get(SettingKeys.SMS_DESTINATION_DOMAIN);
        String example = EXAMPLE_LOCAL_PART + "@" + domain;
        try {
            EmailAddress.of(null, example);
        } catch (InvalidMessageException e) {
            throw new SettingsException(List.of(new Problem(settings.fullKey(SettingKeys.SMS_DESTINATION_DOMAIN),
                    "makes the gateway address " + example + " invalid: " + e.problems().get(0).message())));
        }
        return new GatewaySettings(settings.get(SettingKeys.SMS_SENDER), domain,
                settings.find(SettingKeys.SMS_DEFAULT_COUNTRY_CODE).orElse(null),
                settings.get(SettingKeys.SMS_RECIPIENT_FORMAT), settings.get(SettingKeys.SMS_MAX_SEGMENTS),
                settings.find(SettingKeys.SMS_SUBJECT).orElse(""));
    }

    /** The sender's domain in ASCII, for Message-IDs. */
    public String senderDomain() {
        String address = sender.asciiAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
