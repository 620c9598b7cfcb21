package dev.notify.spi;

import java.util.Objects;

/**
 * What came of one message's attempt among several sent together with {@link EmailSender#sendQueued(java.util.List)}:
 * what the server accepted, or why nothing was.
 *
 * <p>Implementations are immutable and threadsafe.
 */
public sealed interface SendOutcome permits SendOutcome.Delivered, SendOutcome.Failed {

    /** The server accepted the message for every recipient or some, as {@link EmailSender#send} returns it. */
    record Delivered(Delivery delivery) implements SendOutcome {
        public Delivered {
            Objects.requireNonNull(delivery, "delivery");
        }

        @Override
        public Delivery get() {
            return delivery;
        }
    }

    /**
     * Nothing was accepted: {@code failure} is what {@link EmailSender#send} would have thrown (a
     * {@code DeliveryException}, a {@code SettingsException}, ...).
     */
    record Failed(RuntimeException failure) implements SendOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public Delivery get() {
            throw failure;
        }
    }

    /** The delivery; or, for a failed attempt, throws its failure, as {@link EmailSender#send} would have. */
    Delivery get();
}
