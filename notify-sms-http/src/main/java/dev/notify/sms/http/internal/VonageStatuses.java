package dev.notify.sms.http.internal;

import java.util.Map;

/**
 * What the Vonage SMS API's per-message {@code status} values mean for a send
 * (https://developer.vonage.com/en/messaging/sms/guides/troubleshooting-sms). Statuses not listed are permanent.
 */
final class VonageStatuses {

    private static final String FROM = "sms.vonage.from";

    private static final Map<String, ServiceError> STATUSES = Map.ofEntries(
            Map.entry("1", ServiceError.temporary("Throttled: the account sends faster than its limit")),
            Map.entry("2", ServiceError.permanent("Missing Parameters: the request lacked a field; a proxy may have "
                    + "changed it")),
            Map.entry("3", ServiceError.recipient("Invalid Parameters: check the recipient's number and " + FROM)),
            Map.entry("4", ServiceError.credentials("Invalid Credentials: the API key and secret do not match")),
            Map.entry("5", ServiceError.temporary("Internal Error at Vonage")),
            Map.entry("6", ServiceError.recipient("Invalid Message: Vonage cannot route to this number, usually an "
                    + "unknown prefix; correct the recipient's number")),
            Map.entry("7", ServiceError.recipient("Number Barred: the number is on Vonage's barred list and cannot "
                    + "receive SMS")),
            Map.entry("8", ServiceError.permanent("Partner Account Barred: the Vonage account is suspended; contact "
                    + "Vonage support")),
            Map.entry("9", ServiceError.permanent("Partner Quota Violation: the account has not enough credit; top it "
                    + "up in the Vonage API Dashboard")),
            Map.entry("10", ServiceError.temporary("Too Many Existing Binds: the account has too many connections "
                    + "open")),
            Map.entry("11", ServiceError.permanent("Account Not Enabled For HTTP: ask Vonage support to enable the "
                    + "SMS API for the account")),
            Map.entry("12", ServiceError.permanent("Message Too Long: lower sms.max-segments")),
            Map.entry("14", ServiceError.credentials("Invalid Signature: the account requires signed requests; "
                    + "turn signing off for this API key")),
            Map.entry("15", ServiceError.permanent("Invalid Sender Address: " + FROM + " may not send to this "
                    + "destination; in the US and Canada use a Vonage number or short code of the account")),
            Map.entry("22", ServiceError.permanent("Invalid Network Code: the number's network is not supported")),
            Map.entry("29", ServiceError.recipient("Non-Whitelisted Destination: the account is in demo mode and "
                    + "sends only to its test numbers; add the number or top up the account")),
            Map.entry("32", ServiceError.credentials("Signature And API Secret Disallowed: the account requires "
                    + "signed requests; turn signing off for this API key")),
            Map.entry("33", ServiceError.recipient("Number De-activated: the number is no longer in service")));

    private VonageStatuses() {
    }

    static ServiceError of(String status) {
        ServiceError known = STATUSES.get(status);
        return known != null ? known : ServiceError.permanent("see Vonage's SMS API status codes");
    }
}
