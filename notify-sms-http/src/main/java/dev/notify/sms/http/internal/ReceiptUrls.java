package dev.notify.sms.http.internal;

import dev.notify.settings.ResolvedSettings;
import dev.notify.sms.http.ReceiptSettingKeys;
import java.net.URI;

/** The status callback URL a send gives its service. This class is threadsafe. */
final class ReceiptUrls {

    private ReceiptUrls() {
    }

    /** The URL for these settings' server, or null when {@code sms.receipts.public-base-url} is not set. */
    static URI of(ResolvedSettings settings, String providerId) {
        return settings.find(ReceiptSettingKeys.PUBLIC_BASE_URL)
                .map(base -> ReceiptSettingKeys.callbackUrl(base, providerId, settings.serverId().orElse(null)))
                .orElse(null);
    }
}
