package dev.notify.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password or client secret. {@link #toString()} prints {@code ********}; the value is reached only through
 * {@link #reveal()}, which providers call at the moment they hand it to a server. Two secrets are equal when
 * their values are (compared in constant time), so changing a password is noticed as a settings change.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Secret {

    /** What every secret prints as. */
    public static final String MASK = "********";

    private final String value;
    private final String reference;

    private Secret(String value, String reference) {
        this.value = value;
        this.reference = reference;
    }

    /** Wraps a secret value; it may be empty but not null. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "secret value"), null);
    }

    /**
     * A secret read through a reference ({@code ${env:SMTP_PASSWORD}}, {@code ${file:/run/secrets/smtp}}), which
     * {@link PropertiesFormat#write} writes back instead of the value.
     */
    public static Secret fromReference(String value, String reference) {
        return new Secret(Objects.requireNonNull(value, "secret value"), Objects.requireNonNull(reference, "reference"));
    }

    /** The reference the secret was read through, if it was; a reference names where the value is, never the value. */
    public java.util.Optional<String> reference() {
        return java.util.Optional.ofNullable(reference);
    }

    /** The secret's value; pass it to the server and nowhere else (never to a log or message). */
    public String reveal() {
        return value;
    }

    /** The value as characters, for APIs that take {@code char[]} (key stores); the caller may clear it. */
    public char[] revealChars() {
        return value.toCharArray();
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Arrays.hashCode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return MASK;
    }
}
