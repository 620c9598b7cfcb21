package dev.notify;

/** The outcome of a send that did not throw. */
public enum SendStatus {
    /** The server accepted the message for every recipient (accepted, not yet delivered). */
    ACCEPTED,
    /** The server accepted the message for some recipients and refused others; see {@link SendResult#rejected()}. */
    PARTIALLY_ACCEPTED,
    /** The channel is disabled for this server ({@code email.enabled} or {@code sms.enabled} is false); nothing was sent. */
    CHANNEL_DISABLED
}
