package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SettingsException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.message.Message;
import dev.notify.spi.Delivery;
import dev.notify.spi.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of one send under the retry policy. A transient failure of the whole message is retried; when
 * the server accepted some recipients and deferred others (4xx), only the deferred ones are retried, with the
 * same Message-ID. Permanent refusals are never retried. Once anything was accepted, the send returns a result
 * (listing what was accepted, refused, and still deferred) rather than throwing.
 */
final class Attempts {

    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

    private final String server;
    private final Channel channel;
    private final RetryPolicy policy;
    private final Sender sender;
    private final String providerId;
    private final long start;
    private final List<String> accepted = new ArrayList<>();
    private final List<RejectedRecipient> rejected = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    private String messageId;

    Attempts(String server, Channel channel, RetryPolicy policy, Sender sender, String providerId, long start) {
        this.server = server;
        this.channel = channel;
        this.policy = policy;
        this.sender = sender;
        this.providerId = providerId;
        this.start = start;
    }

    SendResult run(Message message) {
        Message current = message;
        for (int attempt = 1; ; attempt++) {
            Delivery delivery;
            try {
                delivery = sender.send(current);
            } catch (SettingsException e) {
                throw new SettingsException(e.problems(), server, providerId, e);
            } catch (DeliveryException e) {
                Duration delay = policy.delayBeforeRetry(e, attempt, elapsed());
                if (delay == null || !pause(delay, attempt, e.getMessage())) {
                    if (accepted.isEmpty()) {
                        LOG.debug("{} via {} for {} failed after {} attempt(s): {}", channel, providerId, layer(),
                                attempt, e.getMessage());
                        throw e.withContext(server, providerId, attempt);
                    }
                    refuseAll(current, e);
                    return result(attempt);
                }
                continue;
            }
            messageId = delivery.messageId();
            accepted.addAll(delivery.accepted());
            details.putAll(delivery.details());
            List<RejectedRecipient> deferred = new ArrayList<>();
            for (RejectedRecipient r : delivery.rejected()) {
                (r.transientFailure() ? deferred : rejected).add(r);
            }
            if (deferred.isEmpty() || !(current instanceof EmailMessage email)) {
                rejected.addAll(deferred);
                return result(attempt);
            }
            String reason = deferred.size() + " recipient(s) deferred";
            Duration delay = policy.delayBeforeRetry(new TransientDeliveryException(reason), attempt, elapsed());
            if (delay == null || !pause(delay, attempt, reason)) {
                rejected.addAll(deferred);
                return result(attempt);
            }
            current = email.onlyTo(deferred.stream().map(r -> EmailAddress.parse(r.address())).toList());
        }
    }

    private boolean pause(Duration delay, int attempt, String why) {
        LOG.debug("{} via {} for {}: attempt {} failed ({}); retrying in {} ms", channel, providerId, layer(), attempt,
                why, delay.toMillis());
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuseAll(Message message, DeliveryException e) {
        int code = e.replyCode().orElse(0);
        Map<String, RejectedRecipient> own = new HashMap<>();
        e.rejectedRecipients().forEach(r -> own.put(r.address(), r));
        for (EmailAddress recipient : ((EmailMessage) message).recipients()) {
            RejectedRecipient r = own.get(recipient.address());
            rejected.add(r != null ? r
                    : new RejectedRecipient(recipient.address(), code, e.getMessage(), e.isTransient()));
        }
    }

    private SendResult result(int attempts) {
        Duration elapsed = elapsed();
        LOG.debug("{} {} accepted by {} for {} after {} attempt(s) in {} ms", channel, messageId, providerId, layer(),
                attempts, elapsed.toMillis());
        return SendResult.delivered(channel, server, providerId, new Delivery(messageId, accepted, rejected, details),
                attempts, elapsed);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private String layer() {
        return server == null ? "global" : server;
    }
}
