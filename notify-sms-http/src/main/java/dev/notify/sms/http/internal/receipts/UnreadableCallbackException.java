package dev.notify.sms.http.internal.receipts;

/** A callback whose body or fields cannot be read; the message never quotes a value. */
final class UnreadableCallbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableCallbackException(String message) {
        super(message, null, false, false);
    }
}
