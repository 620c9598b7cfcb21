package dev.notify.testkit.graph;

import dev.notify.message.EmailMessage;
import java.util.Objects;

/**
 * One sendMail request the {@link GraphServerExtension} accepted, decoded.
 *
 * <p>This class is immutable and threadsafe.
 *
 * @param user            the mailbox in the path, {@code /v1.0/users/{user}/sendMail}
 * @param message         the message decoded into notify's model; its {@code from} is {@code user}
 * @param saveToSentItems the request's {@code saveToSentItems}, false when absent
 * @param json            the request body exactly as received
 * @param accessToken     the bearer token the request carried
 */
public record SentMail(String user, EmailMessage message, boolean saveToSentItems, String json, String accessToken) {

    public SentMail {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "SentMail[" + user + ", " + message + "]";
    }
}
