package dev.notify.testkit.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user name and secret in a client's AUTH responses (PLAIN, LOGIN, XOAUTH2), each as {@code {name, secret}}.
 * The methods throw {@link IllegalArgumentException} for a response that cannot be decoded.
 */
final class SaslResponses {

    private SaslResponses() {
    }

    /** The PLAIN response: authorization identity, user name and password, separated by NUL. */
    static String[] plain(String base64) {
        String[] fields = decode(base64).split("\0", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException("PLAIN needs three fields");
        }
        return new String[] {fields[1], fields[2]};
    }

    /** The XOAUTH2 response: {@code user=...^Aauth=Bearer ...^A^A}. */
    static String[] xoauth2(String base64) {
        String name = null;
        String token = null;
        for (String field : decode(base64).split("\u0001")) {
            if (field.startsWith("user=")) {
                name = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12);
            }
        }
        return new String[] {name, token};
    }

    /** One LOGIN response (the user name or the password). */
    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
