package dev.notify.settings;

import dev.notify.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a server's effective settings for what its enabled channels and delivery methods need, and nothing
 * more: Graph keys are not required while email goes through SMTP.
 */
final class Validation {

    private final ResolvedSettings settings;
    private final List<Problem> problems = new ArrayList<>();

    private Validation(ResolvedSettings settings) {
        this.settings = settings;
    }

    static List<Problem> problems(ResolvedSettings settings) {
        Validation v = new Validation(settings);
        v.check();
        return List.copyOf(v.problems);
    }

    private void check() {
        boolean email = settings.get(SettingKeys.EMAIL_ENABLED);
        if (email) {
            require(SettingKeys.EMAIL_SENDER, "required when email.enabled=true: the From of every email");
            String method = settings.get(SettingKeys.EMAIL_DELIVERY_METHOD);
            if (method.equals("smtp")) {
                checkSmtp();
            } else if (method.equals("graph")) {
                checkGraphCredentials("required when email.delivery-method=graph");
                passwordNeedsFile(SettingKeys.GRAPH_TRUST_STORE_PASSWORD, SettingKeys.GRAPH_TRUST_STORE);
            }
        }
        if (settings.get(SettingKeys.SMS_ENABLED)
                && settings.get(SettingKeys.SMS_DELIVERY_METHOD).equals("email-gateway")) {
            if (!email) {
                problems.add(new Problem(settings.fullKey(SettingKeys.SMS_ENABLED),
                        "SMS goes through the email gateway, but email is disabled for this server ("
                                + settings.fullKey(SettingKeys.EMAIL_ENABLED) + "=false); enable email or disable SMS"));
            }
            require(SettingKeys.SMS_SENDER, "required when sms.enabled=true: the address registered with the gateway");
            require(SettingKeys.SMS_DESTINATION_DOMAIN, "required when sms.enabled=true: the gateway's domain");
        }
    }

    private void checkSmtp() {
        require(SettingKeys.SMTP_HOST, "required when email.delivery-method=smtp");
        passwordNeedsFile(SettingKeys.SMTP_TRUST_STORE_PASSWORD, SettingKeys.SMTP_TRUST_STORE);
        if (!settings.get(SettingKeys.SMTP_AUTH_ENABLED)) {
            return;
        }
        if (settings.get(SettingKeys.SMTP_AUTH_MECHANISM) == SmtpAuthMechanism.XOAUTH2) {
            require(SettingKeys.SMTP_AUTH_USERNAME, "required for xoauth2: the mailbox to send as");
            checkGraphCredentials("required when email.smtp.auth.mechanism=xoauth2 (the app registration that gets the token)");
            return;
        }
        requirePair(SettingKeys.SMTP_AUTH_USERNAME, SettingKeys.SMTP_AUTH_PASSWORD,
                "required when email.smtp.auth.enabled=true");
    }

    private void checkGraphCredentials(String why) {
        require(SettingKeys.GRAPH_TENANT_ID, why);
        require(SettingKeys.GRAPH_CLIENT_ID, why);
        boolean secret = settings.find(SettingKeys.GRAPH_CLIENT_SECRET).isPresent();
        boolean certificate = settings.find(SettingKeys.GRAPH_CLIENT_CERTIFICATE).isPresent();
        if (!secret && !certificate) {
            problems.add(new Problem(settings.fullKey(SettingKeys.GRAPH_CLIENT_SECRET), why
                    + "; or set " + settings.fullKey(SettingKeys.GRAPH_CLIENT_CERTIFICATE) + " instead"));
        } else if (secret && certificate) {
            problems.add(new Problem(settings.fullKey(SettingKeys.GRAPH_CLIENT_SECRET), "set either it or "
                    + settings.fullKey(SettingKeys.GRAPH_CLIENT_CERTIFICATE) + ", not both"));
        }
    }

    private void passwordNeedsFile(SettingKey<?> password, SettingKey<?> file) {
        if (settings.find(password).isPresent() && settings.find(file).isEmpty()) {
            problems.add(new Problem(settings.fullKey(password), "is set but " + settings.fullKey(file) + " is not"));
        }
    }

    private void requirePair(SettingKey<?> first, SettingKey<?> second, String why) {
        boolean hasFirst = settings.find(first).isPresent();
        boolean hasSecond = settings.find(second).isPresent();
        if (hasFirst == hasSecond) {
            if (!hasFirst) {
                require(first, why);
                require(second, why);
            }
            return;
        }
        SettingKey<?> present = hasFirst ? first : second;
        SettingKey<?> missing = hasFirst ? second : first;
        problems.add(new Problem(settings.fullKey(missing), "must be set together with "
                + settings.fullKey(present) + ": credentials resolve as a group from one layer, so the "
                + missing.name() + " of another layer is never used"));
    }

    private void require(SettingKey<?> key, String why) {
        if (settings.find(key).isPresent()) {
            return;
        }
        Origin origin = settings.origin(key);
        if (key.credentialGroup().isPresent() && origin.kind() != Origin.Kind.DEFAULT) {
            why += "; " + origin + " sets other keys of this credential group, and a group is never mixed across layers";
        }
        problems.add(new Problem(settings.fullKey(key), why));
    }
}
