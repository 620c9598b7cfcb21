package dev.notify.sms.http;

import dev.notify.settings.SettingKey;
import dev.notify.sms.http.internal.ConnectionKeys;
import java.net.URI;

/**
 * The key that turns on delivery receipts for the Twilio, Vonage and Infobip providers. With it set, each send asks
 * the service to report the message's status to {@code <public-base-url>/<provider>} (global settings) or
 * {@code <public-base-url>/<provider>/<server>}, where the host mounts {@link DeliveryReceiptHandler}. The secrets
 * that verify the reports are each provider's own keys: {@code sms.twilio.auth-token},
 * {@code sms.vonage.signature-secret}, {@code sms.infobip.report-*}.
 *
 * <p>This class is threadsafe.
 */
public final class ReceiptSettingKeys {

    public static final SettingKey<URI> PUBLIC_BASE_URL = ConnectionKeys.url("sms.receipts.public-base-url")
            .description("The public https:// URL where the host serves notify's delivery receipt endpoint, such as "
                    + "https://portal.example.com/notify/sms-receipts. Set, each SMS asks its service to report "
                    + "delivery there; unset, no receipts are asked for.")
            .build();

    private ReceiptSettingKeys() {
    }

    /**
     * The URL a service reports to for a provider and a server (null for the global settings):
     * {@code https://portal.example.com/notify/sms-receipts/twilio/eu-1}.
     */
    public static URI callbackUrl(URI publicBaseUrl, String providerId, String serverId) {
        String base = publicBaseUrl.toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + "/" + providerId + (serverId == null ? "" : "/" + serverId));
    }
}
