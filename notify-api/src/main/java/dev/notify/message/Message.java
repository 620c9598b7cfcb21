package dev.notify.message;

/**
 * Something notify can send: an {@link EmailMessage} or an {@link SmsMessage}. Messages are validated when they
 * are built, so a message that exists can be handed to any provider.
 */
public sealed interface Message permits EmailMessage, SmsMessage {

    /** The Message-ID set by the caller, or assigned by the notifier before the first attempt. */
    java.util.Optional<String> messageId();
}
