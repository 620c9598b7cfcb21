package dev.notify.spring.boot.observation;

import dev.notify.Channel;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The observations {@code notify.send} (a whole send, waits between attempts included) and
 * {@code notify.send.attempt} (one attempt). Low-cardinality keys, on metrics and traces:
 * <ul>
 *   <li>{@code channel}: {@code email} or {@code sms};</li>
 *   <li>{@code provider}: the provider's id ({@code smtp}, {@code graph}), {@code none} before one was chosen;</li>
 *   <li>{@code server}: the server's id, {@code global} for the global settings;</li>
 *   <li>{@code outcome}, when it ended: see {@link NotifySendContext#outcome()};</li>
 *   <li>{@code error.type}, when it ended: the failure's exception's simple class name, {@code none} without one.</li>
 * </ul>
 * High-cardinality keys, on traces only: {@code message.id}, and {@code recipients.accepted} and
 * {@code recipients.rejected} when addresses are included. No subject or content is ever observed.
 *
 * <p>This class is immutable and threadsafe.
 */
public class DefaultNotifySendObservationConvention implements NotifySendObservationConvention {

    /** The name of the observation of a send. */
    public static final String SEND = "notify.send";

    /** The name of the observation of one attempt. */
    public static final String ATTEMPT = "notify.send.attempt";

    /** The event of a failed attempt that is retried, counted as {@code notify.send.retries}. */
    public static final String RETRIES = "retries";

    private static final String NONE = "none";

    private final String name;

    public DefaultNotifySendObservationConvention() {
        this(SEND);
    }

    /** @param name {@link #SEND} or {@link #ATTEMPT} */
    protected DefaultNotifySendObservationConvention(String name) {
        this.name = name;
    }

    static DefaultNotifySendObservationConvention attempts() {
        return new DefaultNotifySendObservationConvention(ATTEMPT) {
            @Override
            public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                return context instanceof NotifySendContext send && send.attempt() > 0;
            }
        };
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getContextualName(NotifySendContext context) {
        return (context.attempt() == 0 ? "notify send " : "notify attempt ") + channel(context.channel());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(NotifySendContext context) {
        KeyValues values = KeyValues.of(
                KeyValue.of("channel", channel(context.channel())),
                KeyValue.of("provider", context.providerId().orElse(NONE)),
                KeyValue.of("server", context.serverId().orElse("global")));
        if (context.outcome().isPresent()) {
            values = values.and(KeyValue.of("outcome", context.outcome().get()),
                    KeyValue.of("error.type", context.errorType().orElse(NONE)));
        }
        return values;
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(NotifySendContext context) {
        KeyValues values = KeyValues.empty();
        if (context.messageId().isPresent()) {
            values = values.and(KeyValue.of("message.id", context.messageId().get()));
        }
        if (!context.acceptedAddresses().isEmpty()) {
            values = values.and(KeyValue.of("recipients.accepted", String.join(",", context.acceptedAddresses())));
        }
        if (!context.rejectedAddresses().isEmpty()) {
            values = values.and(KeyValue.of("recipients.rejected", String.join(",", context.rejectedAddresses())));
        }
        return values;
    }

    private static String channel(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
