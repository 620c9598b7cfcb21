package dev.notify;

/**
 * Delivery failed for a reason that may pass: SMTP 4xx, a dropped connection, a timeout, HTTP 429, 503 or 504.
 * Whether the message reached the server is unknown when the connection was lost after the message was
 * handed over; see the README's "Delivery guarantees".
 */
public class TransientDeliveryException extends DeliveryException {

    private static final long serialVersionUID = 1L;

    public TransientDeliveryException(String message) {
        this(message, DeliveryException.Details.of(), null);
    }

    public TransientDeliveryException(String message, Details details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }

    @Override
    TransientDeliveryException withContext(String server, String providerId, int attempts) {
        return new TransientDeliveryException(getMessage(), details().context(server, providerId, attempts), this);
    }
}
