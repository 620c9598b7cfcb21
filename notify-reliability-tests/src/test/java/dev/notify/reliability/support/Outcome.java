package dev.notify.reliability.support;

import dev.notify.DeliveryException;
import dev.notify.NotifyException;
import dev.notify.SendResult;
import dev.notify.ServerNotifier;
import dev.notify.message.EmailMessage;
import java.time.Duration;

/**
 * What one send through a notifier came to: a result or an exception, and how long the call took.
 *
 * @param result  the result, or null when the send threw
 * @param failure the exception, or null when the send returned
 * @param elapsed the wall time of the call
 */
public record Outcome(SendResult result, NotifyException failure, Duration elapsed) {

    /** Sends and records the outcome; the scan sees the result or the exception. */
    public static Outcome send(ServerNotifier notifier, EmailMessage message, SecretScan scan) {
        long start = System.nanoTime();
        try {
            SendResult result = notifier.sendEmail(message);
            return new Outcome(scan.scan(result), null, Duration.ofNanos(System.nanoTime() - start));
        } catch (NotifyException e) {
            return new Outcome(null, scan.scan(e), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The delivery exception; fails when the send returned or threw something else. */
    public DeliveryException deliveryFailure() {
        if (!(failure instanceof DeliveryException d)) {
            throw new AssertionError("expected a DeliveryException, got " + (failure != null ? failure : result),
                    failure);
        }
        return d;
    }

    /** The result; fails when the send threw. */
    public SendResult accepted() {
        if (result == null) {
            throw new AssertionError("expected a result, got " + failure, failure);
        }
        return result;
    }

    /** Attempts made: from the result or the delivery exception. */
    public int attempts() {
        return result != null ? result.attempts() : deliveryFailure().attempts();
    }
}
