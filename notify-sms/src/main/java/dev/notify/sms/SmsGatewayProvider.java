package dev.notify.sms;

import dev.notify.sms.internal.GatewaySender;
import dev.notify.spi.EmailRelayProvider;
import dev.notify.spi.EmailSender;
import dev.notify.spi.MessageIds;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SenderContext;
import dev.notify.spi.SmsSender;
import java.util.Optional;

/**
 * The {@code email-gateway} SMS provider, the default of {@code sms.delivery-method}: sends each SMS as a
 * plain-text email to an email-to-SMS gateway, through the email provider the same server uses.
 *
 * <p>For an SMS to {@code +1 (555) 010-1234} it sends, with one call to the server's email sender:
 * <ul>
 *   <li>To {@code 15550101234@<sms.email-gateway.destination-domain>}, the local part written as
 *       {@code sms.email-gateway.recipient-format} says ({@code e164-digits}, {@code national-digits}, {@code e164-plus});</li>
 *   <li>From {@code sms.email-gateway.sender}, Subject {@code sms.email-gateway.subject} (empty by default), the text as the only,
 *       plain-text body, and a Message-ID in the sender's domain.</li>
 * </ul>
 * Before sending, the number is normalised to E.164 ({@code sms.default-country-code} for numbers typed
 * without one) and the text measured: GSM-7 or UCS-2, and the segments it takes. A text longer than
 * {@code sms.max-segments} is refused with an {@link dev.notify.InvalidMessageException} naming {@code text};
 * an unusable number with one naming {@code phone-number}. Nothing is ever truncated. A
 * {@code sms.email-gateway.destination-domain} that cannot make a valid email address (a character that a transport could
 * truncate to a line break) is a {@link dev.notify.SettingsException} naming its full key.
 *
 * <p>The result's details hold {@code sms.e164}, {@code sms.gateway-address}, {@code sms.segments},
 * {@code sms.encoding} ({@code gsm-7} or {@code ucs-2}), {@code sms.outcome} ("handed to the email gateway
 * &lt;domain&gt;": the gateway never reports whether the phone got the text), and the email delivery's
 * {@code email.message-id}, {@code email.accepted} and its own details prefixed with {@code email.}. The accepted
 * recipient is the number in E.164.
 *
 * <p>US carriers are closing their gateways: T-Mobile's {@code tmomail.net} in December 2024, AT&amp;T's
 * {@code txt.att.net} and {@code mms.att.net} on 17 June 2025, Verizon's {@code vtext.com} and {@code vzwpix.com}
 * on 31 March 2027. For such a {@code sms.email-gateway.destination-domain} the provider logs a warning when it creates a
 * sender, adds {@code sms.warning} to every result, and its check fails once the gateway is closed; each says
 * which keys of an HTTP SMS service (notify-sms-http) to set instead. Dates are compared with the notifier's
 * clock ({@link SenderContext#clock()}).
 *
 * <p>It delivers through email ({@link EmailRelayProvider}): {@code email.enabled} must be true. The gateway mail's
 * Message-ID is the SMS's, moved into the domain of its From ({@code sms.sender}) with {@link MessageIds}.
 *
 * <p>This class is threadsafe.
 */
public final class SmsGatewayProvider implements EmailRelayProvider {

    /** The provider id, for {@code sms.delivery-method}. */
    public static final String ID = "email-gateway";

    private static final ProviderSettings SETTINGS = GatewaySettingKeys.settings();

    /** Used by ServiceLoader, or register it with {@code Notifier.builder().provider(new SmsGatewayProvider())}. */
    public SmsGatewayProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderSettings settings() {
        return SETTINGS;
    }

    /** The gateway delivers SMS when {@code sms.delivery-method} is not set. */
    @Override
    public boolean isChannelDefault() {
        return true;
    }

    /** {@code dev.notify:notify-sms}. */
    @Override
    public Optional<String> artifact() {
        return Optional.of("dev.notify:notify-sms");
    }

    @Override
    public SmsSender create(SenderContext context, EmailSender email) {
        return new GatewaySender(ID, context, email);
    }
}
