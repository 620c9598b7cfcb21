package dev.notify.sms.http.internal;

import dev.notify.settings.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * HTTP Basic authentication (RFC 7617) with a user and a secret, and the forms in which the secret goes on the
 * wire, for redaction.
 *
 * <p>This class is immutable and threadsafe.
 */
public final class BasicAuth {

    private final String user;
    private final Secret password;

    public BasicAuth(String user, Secret password) {
        this.user = user;
        this.password = password;
    }

    /** The {@code Authorization} header value. */
    public String header() {
        return "Basic " + token();
    }

    /** The secret as sent: itself and the base64 of {@code user:password}. */
    public List<String> secrets() {
        return List.of(password.reveal(), token());
    }

    private String token() {
        return Base64.getEncoder().encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicAuth[" + user + ", " + Secret.MASK + "]";
    }
}
