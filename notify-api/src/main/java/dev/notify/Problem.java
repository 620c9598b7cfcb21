package dev.notify;

import java.util.Objects;

/**
 * One thing wrong with a setting or a message, named by its full key or field, for example
 * {@code servers.eu-1.email.smtp.port: must be 1-65535, was 70000}.
 *
 * <p>Never carries a secret value. This class is immutable and threadsafe.
 *
 * @param key the full settings key ({@code servers.eu-1.email.smtp.port}) or message field ({@code to[1]})
 * @param message what is wrong and, where it helps, what to do
 */
public record Problem(String key, String message) {

    public Problem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
