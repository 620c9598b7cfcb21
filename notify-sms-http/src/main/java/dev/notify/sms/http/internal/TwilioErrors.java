package dev.notify.sms.http.internal;

import java.util.Map;

/**
 * What Twilio's error codes (https://www.twilio.com/docs/api/errors) mean for a send. Codes not listed are
 * permanent, with a pointer to Twilio's page for the code.
 */
final class TwilioErrors {

    private static final String FROM = "sms.twilio.from";

    private static final Map<Integer, ServiceError> ERRORS = Map.ofEntries(
            Map.entry(20003, ServiceError.credentials("the Account SID and auth token (or API key) do not match")),
            Map.entry(20429, ServiceError.temporary("Twilio is limiting the request rate")),
            Map.entry(21211, ServiceError.recipient("the 'To' number is not a valid phone number; correct the "
                    + "recipient's number")),
            Map.entry(21214, ServiceError.recipient("the 'To' number cannot be reached; correct the recipient's number")),
            Map.entry(21408, ServiceError.permanent("the account may not send SMS to this number's country; enable the "
                    + "country under Messaging > Settings > Geo permissions in the Twilio Console")),
            Map.entry(21606, ServiceError.permanent(FROM + " is not an SMS-capable number of this account for this "
                    + "destination; use one with the SMS capability, or a Messaging Service")),
            Map.entry(21608, ServiceError.recipient("a trial account sends only to verified numbers; verify the number "
                    + "in the Twilio Console or upgrade the account")),
            Map.entry(21610, ServiceError.recipient("the recipient replied STOP to this sender and has unsubscribed; "
                    + "nothing reaches them from it until they reply START")),
            Map.entry(21612, ServiceError.recipient("this sender cannot reach the 'To' number by SMS; use another "
                    + "sender or check the number")),
            Map.entry(21614, ServiceError.recipient("the 'To' number is not a mobile number (a landline?); SMS cannot "
                    + "reach it")),
            Map.entry(21617, ServiceError.permanent("the text is longer than Twilio allows (1,600 characters); lower "
                    + "sms.max-segments")),
            Map.entry(21659, ServiceError.permanent(FROM + " is not a Twilio number of this account; use one of its "
                    + "SMS-capable numbers")),
            Map.entry(21212, ServiceError.permanent(FROM + " is not a valid sender; use an SMS-capable Twilio number in "
                    + "E.164, a short code or an alphanumeric sender ID")),
            Map.entry(21703, ServiceError.permanent("the Messaging Service has no sender in its pool; add an "
                    + "SMS-capable number to it in the Twilio Console")),
            Map.entry(21705, ServiceError.permanent("sms.twilio.messaging-service-sid names no Messaging Service of "
                    + "this account")),
            Map.entry(30007, ServiceError.permanent("carriers filtered the message as spam; register the sender "
                    + "(A2P 10DLC or toll-free verification) and review the text")));

    private TwilioErrors() {
    }

    static ServiceError of(int code) {
        ServiceError known = ERRORS.get(code);
        return known != null ? known
                : ServiceError.permanent("see https://www.twilio.com/docs/api/errors/" + code);
    }
}
