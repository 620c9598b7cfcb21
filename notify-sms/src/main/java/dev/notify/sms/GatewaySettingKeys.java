package dev.notify.sms;

import dev.notify.message.EmailAddress;
import dev.notify.settings.SettingKey;
import dev.notify.settings.SettingKeys;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of the {@code email-gateway} SMS provider, under {@code sms.email-gateway.}. Their names before 0.1
 * ({@code sms.sender}, {@code sms.destination-domain}, {@code sms.recipient-format}, {@code sms.subject}) are
 * still read, with a deprecation warning that names the new key. It also reads the core's {@code sms.default-country-code}
 * and {@code sms.max-segments}, and sends through the server's email provider.
 *
 * <p>This class is threadsafe.
 */
public final class GatewaySettingKeys {

    public static final SettingKey<EmailAddress> SENDER = SettingKey.mailbox("sms.email-gateway.sender")
            .description("The From of gateway mails: the address registered with the SMS gateway.")
            .deprecatedName("sms.sender")
            .build();
    public static final SettingKey<String> DESTINATION_DOMAIN = SettingKey.domain("sms.email-gateway.destination-domain")
            .description("The gateway's domain: an SMS to +1 555 010 1234 goes to 15550101234@<domain>.")
            .deprecatedName("sms.destination-domain")
            .build();
    public static final SettingKey<SmsRecipientFormat> RECIPIENT_FORMAT = SettingKey.choice("sms.email-gateway.recipient-format",
                    SmsRecipientFormat.class, SmsRecipientFormat::id)
            .defaultValue(SmsRecipientFormat.E164_DIGITS)
            .description("The gateway address's local part: e164-digits, national-digits or e164-plus.")
            .deprecatedName("sms.recipient-format")
            .build();
    public static final SettingKey<String> SUBJECT = SettingKey.text("sms.email-gateway.subject")
            .description("The Subject of gateway mails, for gateways that read it; empty by default.")
            .deprecatedName("sms.subject")
            .build();

    private static final List<SettingKey<?>> ALL = List.of(SENDER, DESTINATION_DOMAIN, RECIPIENT_FORMAT, SUBJECT);

    private GatewaySettingKeys() {
    }

    /** The gateway's keys, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /**
     * The gateway's keys and the core SMS keys its senders read, so that servers differing in
     * {@code sms.default-country-code} or {@code sms.max-segments} never share a sender.
     */
    static ProviderSettings settings() {
        List<SettingKey<?>> read = new ArrayList<>(ALL);
        read.add(SettingKeys.SMS_DEFAULT_COUNTRY_CODE);
        read.add(SettingKeys.SMS_MAX_SEGMENTS);
        return ProviderSettings.of(read, GatewaySettingKeys::validate);
    }

    private static void validate(SettingsCheck check) {
        if (!check.settings().get(SettingKeys.EMAIL_ENABLED)) {
            check.problem(SettingKeys.SMS_ENABLED, "SMS goes through the email gateway, but email is disabled for "
                    + "this server (" + check.settings().fullKey(SettingKeys.EMAIL_ENABLED) + "=false); enable email "
                    + "or disable SMS");
        }
        check.require(SENDER, "required when sms.enabled=true: the address registered with the gateway")
                .require(DESTINATION_DOMAIN, "required when sms.enabled=true: the gateway's domain");
    }
}
