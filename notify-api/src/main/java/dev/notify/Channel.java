package dev.notify;

/** What kind of message a provider delivers. */
public enum Channel {
    EMAIL,
    SMS
}
