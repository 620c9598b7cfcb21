package dev.notify;

import dev.notify.internal.CoreAccess;
import dev.notify.spi.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a send that did not throw: accepted (fully or partly), or not attempted because the channel is
 * disabled for the server. "Accepted" means the server took responsibility for the message (SMTP 250, Graph
 * 202), not that it reached an inbox.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class SendResult {

    private final SendStatus status;
    private final Channel channel;
    private final String server;
    private final String providerId;
    private final Delivery delivery;
    private final int attempts;
    private final Duration elapsed;

    private SendResult(SendStatus status, Channel channel, String server, String providerId, Delivery delivery,
            int attempts, Duration elapsed) {
        this.status = status;
        this.channel = channel;
        this.server = server;
        this.providerId = providerId;
        this.delivery = delivery;
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    static {
        CoreAccess.register(new CoreAccess.Outcomes() {
            @Override
            public SendResult delivered(Channel channel, String server, String providerId, Delivery delivery,
                    int attempts, Duration elapsed) {
                return SendResult.delivered(channel, server, providerId, delivery, attempts, elapsed);
            }

            @Override
            public SendResult disabled(Channel channel, String server) {
                return SendResult.disabled(channel, server);
            }
        });
    }

    /** A result for an attempt the server answered; built by notifiers. */
    private static SendResult delivered(Channel channel, String server, String providerId, Delivery delivery,
            int attempts, Duration elapsed) {
        Objects.requireNonNull(delivery, "delivery");
        SendStatus status = delivery.rejected().isEmpty() ? SendStatus.ACCEPTED : SendStatus.PARTIALLY_ACCEPTED;
        return new SendResult(status, channel, server, Objects.requireNonNull(providerId, "providerId"), delivery,
                attempts, elapsed);
    }

    /** A result for a send skipped because the channel is disabled for the server; built by notifiers. */
    private static SendResult disabled(Channel channel, String server) {
        return new SendResult(SendStatus.CHANNEL_DISABLED, channel, server, null, null, 0, Duration.ZERO);
    }

    public SendStatus status() {
        return status;
    }

    /** Whether at least one recipient accepted the message. */
    public boolean isAccepted() {
        return status == SendStatus.ACCEPTED || status == SendStatus.PARTIALLY_ACCEPTED;
    }

    public Channel channel() {
        return channel;
    }

    /** The server whose settings were used; empty for the global settings. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** The provider that delivered ({@code smtp}, {@code graph}); empty when nothing was sent. */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /** The Message-ID (or the provider's id for the message); empty when nothing was sent. */
    public Optional<String> messageId() {
        return delivery == null ? Optional.empty() : Optional.of(delivery.messageId());
    }

    /** Recipients the server accepted. */
    public List<String> accepted() {
        return delivery == null ? List.of() : delivery.accepted();
    }

    /** Recipients the server refused, with reasons. */
    public List<RejectedRecipient> rejected() {
        return delivery == null ? List.of() : delivery.rejected();
    }

    /** Provider-specific facts ({@code graph.request-id}, {@code sms.gateway-address}); never secrets. */
    public Map<String, String> details() {
        return delivery == null ? Map.of() : delivery.details();
    }

    /** Delivery attempts made, 0 when nothing was sent. */
    public int attempts() {
        return attempts;
    }

    /** Time from the call to the result, waits between retries included. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        if (status == SendStatus.CHANNEL_DISABLED) {
            return "SendResult[" + channel + " disabled for " + (server == null ? "global" : "server " + server) + "]";
        }
        return "SendResult[" + status + ", " + channel + " via " + providerId + " for "
                + (server == null ? "global" : "server " + server) + ", messageId=" + delivery.messageId()
                + ", accepted=" + delivery.accepted() + (delivery.rejected().isEmpty() ? "" : ", rejected=" + delivery.rejected())
                + ", attempts=" + attempts + ", elapsed=" + elapsed.toMillis() + "ms]";
    }
}
