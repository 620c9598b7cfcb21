package dev.notify.sms.http.internal.receipts;

import java.util.Map;
import java.util.Optional;

/** What the services' delivery error codes mean, in plain language. */
final class ReceiptReasons {

    /** https://www.twilio.com/docs/api/errors (the 30xxx delivery errors). */
    private static final Map<String, String> TWILIO = Map.ofEntries(
            Map.entry("30001", "queue overflow: the sender sent faster than its rate allows and the message expired"),
            Map.entry("30002", "the Twilio account is suspended"),
            Map.entry("30003", "unreachable: the phone is off or out of coverage"),
            Map.entry("30004", "blocked: the recipient or the carrier blocks messages from this sender"),
            Map.entry("30005", "unknown number: it does not exist or is no longer in service"),
            Map.entry("30006", "landline or unreachable carrier: the number cannot receive SMS"),
            Map.entry("30007", "carrier filtering: the carrier filtered the message as spam"),
            Map.entry("30008", "unknown error from the carrier"),
            Map.entry("30032", "unregistered sender: the toll-free number is not verified"),
            Map.entry("30034", "unregistered sender: the number is not registered for US A2P 10DLC"),
            Map.entry("21610", "the recipient replied STOP and has unsubscribed from this sender"),
            Map.entry("21614", "not a mobile number: SMS cannot reach it"));

    /** https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts (err-code). */
    private static final Map<String, String> VONAGE = Map.ofEntries(
            Map.entry("1", "unknown: the carrier gave no reason"),
            Map.entry("2", "unreachable for now: the phone is off or out of coverage"),
            Map.entry("3", "unreachable: the number is no longer in service"),
            Map.entry("4", "the recipient barred incoming messages"),
            Map.entry("5", "the number was ported and cannot be routed"),
            Map.entry("6", "carrier filtering: rejected as spam"),
            Map.entry("7", "the phone was busy"),
            Map.entry("8", "a network error at the carrier"),
            Map.entry("9", "not a valid number"),
            Map.entry("10", "the carrier refused the message as invalid"),
            Map.entry("11", "no route to the number's carrier"),
            Map.entry("12", "unreachable: the carrier could not reach the phone"),
            Map.entry("13", "the subscriber's age restriction blocks the message"),
            Map.entry("14", "the carrier blocks the number"),
            Map.entry("15", "the prepaid subscriber has no credit"),
            Map.entry("16", "the gateway's quota is exceeded"),
            Map.entry("50", "unregistered sender: the entity is not registered for this route (entity filter)"),
            Map.entry("51", "unregistered sender: the sender ID is not registered (header filter)"),
            Map.entry("52", "carrier filtering: the content was filtered"),
            Map.entry("53", "the recipient's consent is missing (consent filter)"),
            Map.entry("54", "a regulatory rule of the destination refused it"),
            Map.entry("99", "a general error at the carrier"));

    /** https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes (error groups). */
    private static final Map<String, String> INFOBIP = Map.of(
            "HANDSET_ERRORS", "the phone could not take it (off, full, unreachable or not a valid subscriber)",
            "USER_ERRORS", "the recipient or the number refused it (barred, unknown or not allowed)",
            "OPERATOR_ERRORS", "the carrier failed or refused it (network, routing or filtering)");

    private ReceiptReasons() {
    }

    static String twilio(String code) {
        return TWILIO.getOrDefault(code, "see https://www.twilio.com/docs/api/errors/" + code);
    }

    static String vonage(String code) {
        return VONAGE.getOrDefault(code, "Vonage delivery error " + code);
    }

    static String vonageMessages(String code, Optional<String> detail) {
        return detail.filter(d -> !d.isBlank()).orElse("Vonage Messages API error " + code);
    }

    static String infobip(String group, String description) {
        String meaning = INFOBIP.get(group);
        if (meaning == null) {
            return description == null ? "Infobip error group " + group : description;
        }
        return description == null ? meaning : meaning + ": " + description;
    }
}
