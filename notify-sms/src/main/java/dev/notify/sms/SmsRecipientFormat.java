package dev.notify.sms;

import dev.notify.message.PhoneNumber;

/** How a phone number is written as the local part of the gateway address ({@code sms.email-gateway.recipient-format}). */
public enum SmsRecipientFormat {
    /** {@code 15550101234@gateway}: country code and number, digits only. */
    E164_DIGITS("e164-digits"),
    /** {@code 5550101234@gateway}: the number without its country code. */
    NATIONAL_DIGITS("national-digits"),
    /** {@code +15550101234@gateway}. */
    E164_PLUS("e164-plus");

    private final String id;

    SmsRecipientFormat(String id) {
        this.id = id;
    }

    /** The value as written in settings. */
    public String id() {
        return id;
    }

    /** The gateway address's local part for {@code number} in this format. */
    public String localPart(PhoneNumber number) {
        return switch (this) {
            case E164_DIGITS -> number.digits();
            case NATIONAL_DIGITS -> number.nationalNumber();
            case E164_PLUS -> number.e164();
        };
    }
}
