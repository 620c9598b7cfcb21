package dev.notify.sms.internal;

import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.sms.GatewaySettingKeys;
import dev.notify.sms.SmsRecipientFormat;
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

    /**
     * Reads the settings.
     *
     * @throws SettingsException naming the full keys of required settings that have no value
     */
    public static GatewaySettings from(ResolvedSettings settings) {
        List<Problem> problems = new ArrayList<>();
        if (settings.find(GatewaySettingKeys.SENDER).isEmpty()) {
            problems.add(new Problem(settings.fullKey(GatewaySettingKeys.SENDER),
                    "required by the email-to-SMS gateway: the address registered with the gateway"));
        }
        if (settings.find(GatewaySettingKeys.DESTINATION_DOMAIN).isEmpty()) {
            problems.add(new Problem(settings.fullKey(GatewaySettingKeys.DESTINATION_DOMAIN),
                    "required by the email-to-SMS gateway: the gateway's domain"));
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new GatewaySettings(settings.get(GatewaySettingKeys.SENDER), settings.get(GatewaySettingKeys.DESTINATION_DOMAIN),
                settings.find(SettingKeys.SMS_DEFAULT_COUNTRY_CODE).orElse(null),
                settings.get(GatewaySettingKeys.RECIPIENT_FORMAT), settings.get(SettingKeys.SMS_MAX_SEGMENTS),
                settings.find(GatewaySettingKeys.SUBJECT).orElse(""));
    }

    /** The sender's domain in ASCII, for Message-IDs. */
    public String senderDomain() {
        String address = sender.asciiAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
