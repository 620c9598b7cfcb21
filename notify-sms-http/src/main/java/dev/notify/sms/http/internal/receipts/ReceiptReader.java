package dev.notify.sms.http.internal.receipts;

import dev.notify.settings.ResolvedSettings;
import java.time.Instant;

/** Verifies one service's status callbacks and reads the receipts they carry. Implementations are threadsafe. */
public interface ReceiptReader {

    /** How far a signed timestamp may be from the notifier's clock before the callback counts as a replay. */
    java.time.Duration TOLERANCE = java.time.Duration.ofMinutes(5);

    /** The provider whose service sends these callbacks. */
    String providerId();

    /**
     * Verifies the callback with the secrets in {@code settings} first, then reads it; nothing of an unverified
     * callback is read.
     *
     * @throws UnreadableCallbackException when a verified callback cannot be read
     */
    Reading read(Callback callback, ResolvedSettings settings, Instant now);
}
