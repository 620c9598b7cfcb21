package dev.notify.microsoft;

import dev.notify.microsoft.internal.JwtClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An access token of an app registration and when it stops being usable. {@link #toString()} never shows the
 * token.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class AccessToken {

    private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(5);

    private final String value;
    private final Instant obtained;
    private final Instant expires;

    AccessToken(String value, Instant obtained, Instant expires) {
        this.value = Objects.requireNonNull(value, "value");
        this.obtained = Objects.requireNonNull(obtained, "obtained");
        this.expires = Objects.requireNonNull(expires, "expires");
    }

    /** The bearer token, for an {@code Authorization} header or SASL XOAUTH2. Never log it. */
    public String value() {
        return value;
    }

    /** When the login host says the token expires, on the token source's clock. */
    public Instant expires() {
        return expires;
    }

    /**
     * The {@code roles} claim: the application permissions granted to the app. Decoded for diagnostics only; the
     * signature is not checked, so nothing may be granted on the strength of it.
     *
     * @throws IllegalArgumentException when the token is not a JWT with a JSON payload
     */
    public List<String> roles() {
        return JwtClaims.decode(value).roles();
    }

    /**
     * Whether to use the token at {@code now}: until five minutes before it expires, or half its lifetime before
     * for tokens that live less than ten minutes, so a request never leaves with a token about to expire.
     */
    boolean usableAt(Instant now) {
        Duration lifetime = Duration.between(obtained, expires);
        Duration margin = lifetime.dividedBy(2).compareTo(MAX_REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2)
                : MAX_REFRESH_MARGIN;
        return now.isBefore(expires.minus(margin));
    }

    @Override
    public String toString() {
        return "AccessToken[expires " + expires + "]";
    }
}
