package dev.notify.reliability.support;

import dev.notify.testkit.sms.InfobipServerExtension;
import dev.notify.testkit.sms.TwilioServerExtension;
import dev.notify.testkit.sms.VonageServerExtension;
import dev.notify.testkit.sms.WebhookServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The password and client secret every scenario runs with, the HTTP SMS services' credentials, and the forms in
 * which a leak of them would show: as is, the password in base64 as AUTH PLAIN and AUTH LOGIN send it, at every
 * byte alignment, and the SMS credentials as HTTP Basic authentication and form encoding send them.
 */
public final class KnownSecrets {

    public static final String USER = "portal-user";
    public static final String PASSWORD = "Pa55-w0rd-LEAK";
    public static final String CLIENT_SECRET = "cl13nt-s3cret-LEAK";
    /** A wrong SMS service credential (token, secret, API key) that the scenarios send and the stubs refuse. */
    public static final String SMS_SECRET = "sms-s3cret+/LEAK";
    /** The credentials the SMS service stubs accept; a provider must not show them either. */
    public static final List<String> SMS_STUB_SECRETS = List.of(TwilioServerExtension.DEFAULT_AUTH_TOKEN,
            TwilioServerExtension.DEFAULT_API_KEY_SECRET, VonageServerExtension.DEFAULT_API_SECRET,
            InfobipServerExtension.DEFAULT_API_KEY, WebhookServerExtension.DEFAULT_TOKEN);

    private KnownSecrets() {
    }

    /** Every string whose presence in output means a secret leaked. */
    public static List<String> leakForms() {
        List<String> forms = new ArrayList<>();
        forms.add(PASSWORD);
        forms.add(CLIENT_SECRET);
        forms.add(base64(PASSWORD));
        forms.add(base64("\0" + USER + "\0" + PASSWORD));
        for (String secret : smsSecrets()) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        for (String user : List.of(TwilioServerExtension.DEFAULT_ACCOUNT_SID, TwilioServerExtension.DEFAULT_API_KEY_SID,
                VonageServerExtension.DEFAULT_API_KEY)) {
            for (String secret : smsSecrets()) {
                forms.add(base64(user + ":" + secret));
            }
        }
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

    private static List<String> smsSecrets() {
        List<String> secrets = new ArrayList<>(SMS_STUB_SECRETS);
        secrets.add(SMS_SECRET);
        return secrets;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
