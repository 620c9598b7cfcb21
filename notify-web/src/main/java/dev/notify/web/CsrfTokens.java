package dev.notify.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that prove a form was served by this application to this user: an HMAC-SHA256 of the user's identity
 * under a secret the application keeps, put in a hidden field of every form and checked on every request that
 * changes something or sends. A page of another site cannot read the token, so it cannot forge the post.
 * Checking compares in constant time.
 *
 * <p>The secret lives in memory: {@link #random()} makes a new one per start (tokens of pages served before a
 * restart are refused; a reload fixes that); a cluster that balances one user across nodes gives every node the
 * same secret with {@link #withSecret}. {@link #toString()} never shows the secret. This class is immutable and
 * threadsafe.
 */
public final class CsrfTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    private CsrfTokens(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** Tokens under a new random secret. */
    public static CsrfTokens random() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return new CsrfTokens(secret);
    }

    /**
     * Tokens under a secret the application keeps (the same on every node of a cluster).
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public static CsrfTokens withSecret(byte[] secret) {
        if (Objects.requireNonNull(secret, "secret").length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret must have at least " + MIN_SECRET_BYTES + " bytes, had "
                    + secret.length);
        }
        return new CsrfTokens(secret.clone());
    }

    /**
     * The token for a user.
     *
     * @param subject who the token is for: the signed-in user's stable identity (a user id, a session id)
     */
    public String tokenFor(String subject) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(Objects.requireNonNull(subject, "subject")));
    }

    /** Whether {@code token} is the token for {@code subject}; false for a missing or malformed token. */
    public boolean isValid(String subject, String token) {
        if (subject == null || token == null || token.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(subject), given);
    }

    private byte[] mac(String subject) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "CsrfTokens[HmacSHA256]";
    }
}
