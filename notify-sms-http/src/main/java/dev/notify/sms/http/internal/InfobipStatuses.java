package dev.notify.sms.http.internal;

import java.util.Map;

/**
 * What Infobip's message statuses (https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes)
 * mean when the send itself is answered with one of the REJECTED, UNDELIVERABLE or EXPIRED groups. Statuses not
 * listed are permanent.
 */
final class InfobipStatuses {

    private static final String INVALID_NUMBER = "the recipient's number is not valid; correct it";
    private static final String SENDER = "sms.infobip.from is not a sender the account may use here (not registered "
            + "or blocked); register it in the Infobip portal or use another";

    private static final Map<String, ServiceError> STATUSES = Map.ofEntries(
            Map.entry("REJECTED_DESTINATION", ServiceError.recipient(INVALID_NUMBER)),
            Map.entry("REJECTED_INVALID_DESTINATION", ServiceError.recipient(INVALID_NUMBER)),
            Map.entry("REJECTED_PREFIX_MISSING", ServiceError.recipient(INVALID_NUMBER)),
            Map.entry("MISSING_TO", ServiceError.recipient(INVALID_NUMBER)),
            Map.entry("REJECTED_DESTINATION_NOT_REGISTERED", ServiceError.recipient("a trial account sends only to "
                    + "its registered numbers; register the number or upgrade the account")),
            Map.entry("REJECTED_DND", ServiceError.recipient("the recipient is on a do-not-disturb or opt-out list and "
                    + "does not receive SMS from this sender")),
            Map.entry("REJECTED_SENDER", ServiceError.permanent(SENDER)),
            Map.entry("REJECTED_SOURCE", ServiceError.permanent(SENDER)),
            Map.entry("REJECTED_NOT_ENOUGH_CREDITS", ServiceError.permanent("the Infobip account has not enough credit; "
                    + "top it up")),
            Map.entry("REJECTED_PREPAID_PACKAGE_EXPIRED", ServiceError.permanent("the account's prepaid package "
                    + "expired; renew it")),
            Map.entry("REJECTED_NETWORK", ServiceError.permanent("the account may not send to the recipient's network; "
                    + "ask Infobip to enable it")),
            Map.entry("REJECTED_ROUTE_NOT_AVAILABLE", ServiceError.permanent("the account has no route to this "
                    + "destination; ask Infobip to enable it")),
            Map.entry("REJECTED_FLOODING_FILTER", ServiceError.permanent("Infobip's flooding filter stopped too many "
                    + "messages to this number; sending it again adds to the flood")),
            Map.entry("REJECTED_MESSAGE_TOO_LONG", ServiceError.permanent("the text is too long; lower sms.max-segments")),
            Map.entry("REJECTED_SYSTEM_ERROR", ServiceError.temporary("Infobip had a system error")));

    private InfobipStatuses() {
    }

    static ServiceError of(String name) {
        ServiceError known = STATUSES.get(name);
        return known != null ? known : ServiceError.permanent("see Infobip's status codes");
    }
}
