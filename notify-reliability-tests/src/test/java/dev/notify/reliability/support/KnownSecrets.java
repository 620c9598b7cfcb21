package dev.notify.reliability.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The password and client secret every scenario runs with, and the forms in which a leak of them would show: as
 * is, and the password in base64 as AUTH PLAIN and AUTH LOGIN send it, at every byte alignment.
 */
public final class KnownSecrets {

    public static final String USER = "portal-user";
    public static final String PASSWORD = "Pa55-w0rd-LEAK";
    public static final String CLIENT_SECRET = "cl13nt-s3cret-LEAK";

    private KnownSecrets() {
    }

    /** Every string whose presence in output means a secret leaked. */
    public static List<String> leakForms() {
        List<String> forms = new ArrayList<>();
        forms.add(PASSWORD);
        forms.add(CLIENT_SECRET);
        forms.add(base64(PASSWORD));
        forms.add(base64("\0" + USER + "\0" + PASSWORD));
        for (int shift = 0; shift < 3; shift++) {
            String encoded = base64("x".repeat(shift) + PASSWORD);
            int drop = shift == 0 ? 0 : 4;
            forms.add(encoded.substring(drop, encoded.length() - 4));
        }
        return forms;
    }

    /** The first leak form found in {@code text}, or null. */
    public static String leakIn(String text) {
        if (text == null) {
            return null;
        }
        for (String form : leakForms()) {
            if (text.contains(form)) {
                return form;
            }
        }
        return null;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
