package dev.notify.internal;

import dev.notify.Channel;
import dev.notify.DeliveryException;
import dev.notify.SendResult;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import java.time.Duration;
import java.util.Collection;

/**
 * What only the notifier may do with the public types: fill in a message's defaults, narrow its recipients,
 * build results and add context to failures. Each public type registers its part when it is initialised, so
 * these operations stay out of the public API.
 */
public final class CoreAccess {

    /** Operations on messages, registered by {@link EmailMessage}. */
    public interface Messages {
        EmailMessage withDefaults(EmailMessage message, EmailAddress from, EmailAddress replyTo, String messageId);

        EmailMessage onlyTo(EmailMessage message, Collection<EmailAddress> keep);
    }

    /** Operations on outcomes, registered by {@link SendResult} and {@link DeliveryException}. */
    public interface Outcomes {
        SendResult delivered(Channel channel, String server, String providerId, Delivery delivery, int attempts,
                Duration elapsed);

        SendResult disabled(Channel channel, String server);
    }

    /** Adds the notifier's context to a failure, registered by {@link DeliveryException}. */
    public interface Failures {
        DeliveryException withContext(DeliveryException e, String server, String providerId, int attempts);
    }

    private static volatile Messages messages;
    private static volatile Outcomes outcomes;
    private static volatile Failures failures;

    private CoreAccess() {
    }

    public static synchronized void register(Messages access) {
        if (messages == null) {
            messages = access;
        }
    }

    public static synchronized void register(Outcomes access) {
        if (outcomes == null) {
            outcomes = access;
        }
    }

    public static synchronized void register(Failures access) {
        if (failures == null) {
            failures = access;
        }
    }

    static Messages messages() {
        Messages access = messages;
        if (access == null) {
            initialise(EmailMessage.class);
            access = messages;
        }
        return access;
    }

    static Outcomes outcomes() {
        Outcomes access = outcomes;
        if (access == null) {
            initialise(SendResult.class);
            access = outcomes;
        }
        return access;
    }

    static Failures failures() {
        Failures access = failures;
        if (access == null) {
            initialise(DeliveryException.class);
            access = failures;
        }
        return access;
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(type + " is part of notify-api", e);
        }
    }
}
