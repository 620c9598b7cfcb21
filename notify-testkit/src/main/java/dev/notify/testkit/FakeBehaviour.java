package dev.notify.testkit;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.PermanentDeliveryException;
import dev.notify.RejectedRecipient;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a fake provider's senders behave: how long each send takes, which sends fail and which recipients are
 * refused. Each fake provider instance has its own; change it at any time, also while sends run. Reach the one
 * of a notifier's fakes with {@link Fakes#of(dev.notify.Notifier)}.
 *
 * <pre>{@code
 * Fakes fakes = Fakes.of(notifier);
 * fakes.email().failNextTransiently(2);          // the next two attempts fail with 451
 * fakes.email().rejectRecipient("bob@example.com"); // bob is refused with 550, others accepted
 * }</pre>
 *
 * <p>Failures queued with {@link #failNextTransiently} and {@link #failNextPermanently} are used in the order
 * queued, one per send attempt. A send whose every recipient is refused fails as a whole; one with some accepted
 * recipients succeeds and lists the refused ones in its delivery.
 *
 * <p>This class is threadsafe.
 */
public final class FakeBehaviour {

    /** The reply code of an injected transient failure or transient recipient refusal. */
    public static final int TRANSIENT_REPLY_CODE = 451;
    /** The reply code of an injected permanent failure. */
    public static final int PERMANENT_REPLY_CODE = 554;
    /** The reply code of a permanently refused recipient. */
    public static final int REJECTED_RECIPIENT_REPLY_CODE = 550;

    private final Channel channel;
    private final AtomicInteger attempts = new AtomicInteger();
    private Duration latency = Duration.ZERO;
    private final Deque<Boolean> failures = new ArrayDeque<>();
    private final Map<String, Boolean> rejected = new LinkedHashMap<>();

    FakeBehaviour(Channel channel) {
        this.channel = channel;
    }

    /**
     * Makes every send attempt take at least {@code latency} before it succeeds or fails.
     *
     * @throws IllegalArgumentException when {@code latency} is null or negative
     */
    public FakeBehaviour latency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be null or negative, was " + latency);
        }
        synchronized (this) {
            this.latency = latency;
        }
        return this;
    }

    public synchronized Duration latency() {
        return latency;
    }

    /**
     * Makes the next {@code sends} attempts throw {@link TransientDeliveryException} (reply code 451) without
     * recording anything. A notifier retries them as its {@code email.retry.*} settings allow.
     *
     * @throws IllegalArgumentException when {@code sends} is negative
     */
    public FakeBehaviour failNextTransiently(int sends) {
        return queue(sends, true);
    }

    /**
     * Makes the next {@code sends} attempts throw {@link PermanentDeliveryException} (reply code 554) without
     * recording anything.
     *
     * @throws IllegalArgumentException when {@code sends} is negative
     */
    public FakeBehaviour failNextPermanently(int sends) {
        return queue(sends, false);
    }

    private FakeBehaviour queue(int sends, boolean transientFailure) {
        if (sends < 0) {
            throw new IllegalArgumentException("sends must not be negative, was " + sends);
        }
        synchronized (this) {
            for (int i = 0; i < sends; i++) {
                failures.addLast(transientFailure);
            }
        }
        return this;
    }

    /** Injected failures not used yet. */
    public synchronized int pendingFailures() {
        return failures.size();
    }

    /**
     * Refuses a recipient permanently (reply code 550) on every send until {@link #reset()}: an email address
     * for the fake email provider, a phone number (compared by its digits) for the fake SMS provider.
     *
     * @throws dev.notify.InvalidMessageException when an email address is malformed
     * @throws IllegalArgumentException when a phone number has no digit
     */
    public FakeBehaviour rejectRecipient(String recipient) {
        return reject(recipient, false);
    }

    /** Refuses a recipient temporarily (reply code 451) on every send until {@link #reset()}. */
    public FakeBehaviour rejectRecipientTransiently(String recipient) {
        return reject(recipient, true);
    }

    private FakeBehaviour reject(String recipient, boolean transientFailure) {
        String key = key(recipient);
        synchronized (this) {
            rejected.put(key, transientFailure);
        }
        return this;
    }

    /** Send attempts the fake's senders received, failed ones included. */
    public int attempts() {
        return attempts.get();
    }

    /** Back to instant, successful sends: no latency, no queued failure, no refused recipient. */
    public synchronized FakeBehaviour reset() {
        latency = Duration.ZERO;
        failures.clear();
        rejected.clear();
        return this;
    }

    /** A behaviour with the same latency, queued failures and refusals, and no attempts counted. */
    synchronized FakeBehaviour copy() {
        FakeBehaviour copy = new FakeBehaviour(channel);
        copy.latency = latency;
        copy.failures.addAll(failures);
        copy.rejected.putAll(rejected);
        return copy;
    }

    /**
     * Starts an attempt: counts it, waits the latency, and throws the next queued failure, if any.
     */
    void beforeSend() {
        attempts.incrementAndGet();
        Duration wait;
        synchronized (this) {
            wait = latency;
        }
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientDeliveryException("interrupted while the fake waited its latency");
            }
        }
        Boolean failure;
        synchronized (this) {
            failure = failures.pollFirst();
        }
        if (failure == null) {
            return;
        }
        if (failure) {
            throw new TransientDeliveryException(TRANSIENT_REPLY_CODE + " injected transient failure",
                    DeliveryException.Details.of().replyCode(TRANSIENT_REPLY_CODE), null);
        }
        throw new PermanentDeliveryException(PERMANENT_REPLY_CODE + " injected permanent failure",
                DeliveryException.Details.of().replyCode(PERMANENT_REPLY_CODE), null);
    }

    /** The refusal of a recipient, or null when it is accepted. */
    RejectedRecipient refusal(String recipient) {
        Boolean transientFailure;
        synchronized (this) {
            transientFailure = rejected.get(key(recipient));
        }
        if (transientFailure == null) {
            return null;
        }
        int code = transientFailure ? TRANSIENT_REPLY_CODE : REJECTED_RECIPIENT_REPLY_CODE;
        return new RejectedRecipient(recipient, code, "recipient refused by the fake", transientFailure);
    }

    /**
     * The failure of a send whose every recipient was refused: transient when every refusal was.
     */
    static DeliveryException allRefused(List<RejectedRecipient> refused) {
        DeliveryException.Details details = DeliveryException.Details.of()
                .replyCode(refused.get(0).replyCode()).rejectedRecipients(refused);
        String message = "every recipient was refused: " + refused;
        if (refused.stream().allMatch(RejectedRecipient::transientFailure)) {
            return new TransientDeliveryException(message, details, null);
        }
        return new PermanentDeliveryException(message, details, null);
    }

    private String key(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (channel == Channel.EMAIL) {
            return EmailAddress.parse(recipient).asciiAddress();
        }
        String digits = Outbox.digits(recipient);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("recipient must be a phone number, was '" + recipient + "'");
        }
        return digits;
    }

    @Override
    public synchronized String toString() {
        return "FakeBehaviour[" + channel + ", latency=" + latency.toMillis() + "ms, pendingFailures="
                + failures.size() + ", rejected=" + rejected.keySet() + ", attempts=" + attempts.get() + "]";
    }
}
