package dev.notify.sms.http;

import dev.notify.sms.http.internal.ProviderOptions;
import dev.notify.sms.http.internal.InfobipService;

/**
 * Sends SMS with Infobip: {@code sms.delivery-method=infobip}.
 *
 * <p>Each send is one {@code POST {sms.infobip.base-url}/sms/2/text/advanced} (the SMS API v2 "send SMS message"
 * endpoint, chosen over the newer {@code /sms/3/messages} because every Infobip account has it and its answer
 * carries the status group this provider classes by) with {@code Authorization: App <sms.infobip.api-key>} and
 * the JSON {@code {"messages":[{"destinations":[{"to":"15550101234"}],"from":"<sms.infobip.from>","text":"..."}]}}
 * ({@code from} only when set). A status in the PENDING group is a result whose message id is Infobip's
 * {@code messageId} and whose {@code sms.outcome} says "accepted by Infobip (PENDING_ACCEPTED)"; delivery to the
 * phone is reported later, in delivery reports.
 *
 * <p>Failures: HTTP 429 and 5xx and REJECTED_SYSTEM_ERROR are transient; 401 and 403 are a
 * {@link dev.notify.SettingsException} naming the base URL and API key; a status in the REJECTED group is
 * permanent, classed by its name with what to do: an invalid number (REJECTED_DESTINATION, MISSING_TO), an opt-out
 * (REJECTED_DND), a sender the account may not use (REJECTED_SENDER), no credit (REJECTED_NOT_ENOUGH_CREDITS).
 * {@code check()} reads the balance ({@code GET /account/1/balance}) and sends
 * nothing.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class InfobipSmsProvider extends HttpSmsProvider<InfobipSmsProvider> {

    /** The provider id, the value of {@code sms.delivery-method}. */
    public static final String ID = "infobip";

    /** Verifies TLS with the JVM's trust store; the constructor ServiceLoader uses. */
    public InfobipSmsProvider() {
        this(ProviderOptions.defaults());
    }

    private InfobipSmsProvider(ProviderOptions options) {
        super(ID, InfobipSettingKeys.settings(), InfobipSettingKeys.connection(), InfobipService::from, InfobipSmsProvider::new,
                options);
    }
}
