package dev.notify.testkit.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The user name and secret a client gives with AUTH (PLAIN, LOGIN, XOAUTH2), each as {@code {name, secret}}. The
 * methods throw {@link IllegalArgumentException} for a response that cannot be decoded.
 */
final class SaslResponses {

    /** Sends a challenge ({@code 334} and the prompt) and returns the client's response. */
    @FunctionalInterface
    interface Challenge {
        String respond(String prompt) throws IOException;
    }

    private SaslResponses() {
    }

    /**
     * The credentials of an AUTH command's argument (the mechanism and an optional initial response), with the
     * challenges its mechanism needs; null for a mechanism other than PLAIN, LOGIN or XOAUTH2.
     */
    static String[] credentials(String argument, Challenge challenge) throws IOException {
        String[] parts = argument.split(" ", 2);
        String initial = parts.length > 1 ? parts[1].strip() : null;
        return switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> plain(initial != null ? initial : challenge.respond(""));
            case "LOGIN" -> new String[] {
                decode(initial != null ? initial : challenge.respond("VXNlcm5hbWU6")),
                decode(challenge.respond("UGFzc3dvcmQ6"))};
            case "XOAUTH2" -> xoauth2(initial != null ? initial : challenge.respond(""));
            default -> null;
        };
    }

    /** The PLAIN response: authorization identity, user name and password, separated by NUL. */
    private static String[] plain(String base64) {
        String[] fields = decode(base64).split("\0", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException("PLAIN needs three fields");
        }
        return new String[] {fields[1], fields[2]};
    }

    /** The XOAUTH2 response: {@code user=...^Aauth=Bearer ...^A^A}. */
    private static String[] xoauth2(String base64) {
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

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
