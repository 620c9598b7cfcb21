package dev.notify;

/**
 * The server refused the message or every recipient (SMTP 5xx, HTTP 4xx other than 401/429). Sending the same
 * message again will fail the same way; the message and {@link #rejectedRecipients()} say why.
 */
public class PermanentDeliveryException extends DeliveryException {

    private static final long serialVersionUID = 1L;

    public PermanentDeliveryException(String message) {
        this(message, DeliveryException.Details.of(), null);
    }

    public PermanentDeliveryException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isTransient() {
        return false;
    }

    @Override
    PermanentDeliveryException withContext(String server, String providerId, int attempts) {
        return new PermanentDeliveryException(getMessage(), details().context(server, providerId, attempts), this);
    }
}
