package dev.notify.sms;

/** How a phone number is written as the local part of the gateway address ({@code sms.recipient-format}). */
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
}
