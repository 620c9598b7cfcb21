package dev.notify.sms.internal;

import dev.notify.InvalidMessageException;
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
 * @param sender            {@code sms.email-gateway.sender}, the From of gateway mails
 * @param destinationDomain {@code sms.email-gateway.destination-domain}
 * @param recipientFormat   {@code sms.email-gateway.recipient-format}
 * @param maxSegments       {@code sms.max-segments}
 * @param subject           {@code sms.email-gateway.subject}, or empty
 */
public record GatewaySettings(EmailAddress sender, String destinationDomain, SmsRecipientFormat recipientFormat,
        int maxSegments, String subject) {

    private static final String EXAMPLE_LOCAL_PART = "15550101234";

    /**
     * Reads the settings.
     *
     * @throws SettingsException naming the full keys of required settings that have no value, and of a domain the
     *     gateway addresses built from would not be valid with
     */
    public static GatewaySettings from(ResolvedSettings settings) {
        List<Problem> problems = new ArrayList<>();
        if (settings.find(GatewaySettingKeys.SENDER).isEmpty()) {
            problems.add(settings.problem(GatewaySettingKeys.SENDER,
                    "required by the email-to-SMS gateway: the address registered with the gateway"));
        }
        String domain = settings.find(GatewaySettingKeys.DESTINATION_DOMAIN).orElse(null);
        if (domain == null) {
            problems.add(settings.problem(GatewaySettingKeys.DESTINATION_DOMAIN,
                    "required by the email-to-SMS gateway: the gateway's domain"));
        } else {
            String example = EXAMPLE_LOCAL_PART + "@" + domain;
            try {
                EmailAddress.of(null, example);
            } catch (InvalidMessageException e) {
                problems.add(settings.problem(GatewaySettingKeys.DESTINATION_DOMAIN,
                        "makes the gateway address " + example + " invalid: " + e.problems().get(0).message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new GatewaySettings(settings.get(GatewaySettingKeys.SENDER), domain,
                settings.get(GatewaySettingKeys.RECIPIENT_FORMAT), settings.get(SettingKeys.SMS_MAX_SEGMENTS),
                settings.find(GatewaySettingKeys.SUBJECT).orElse(""));
    }

    /** The sender's domain in ASCII, for Message-IDs. */
    public String senderDomain() {
        String address = sender.asciiAddress();
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
