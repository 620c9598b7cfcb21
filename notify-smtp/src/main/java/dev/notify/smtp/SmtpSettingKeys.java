package dev.notify.smtp;

import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.ProviderSettings;
import dev.notify.spi.SettingsCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys of the {@code smtp} provider, under {@code email.smtp.}. With {@code email.smtp.auth.mechanism=xoauth2}
 * it also reads the app registration's {@link MicrosoftIdentityKeys}; for DKIM signing, the {@link DkimSettingKeys}.
 *
 * <p>This class is threadsafe.
 */
public final class SmtpSettingKeys {

    /** Credential group of the SMTP user name and password. */
    public static final String CREDENTIALS = "smtp-credentials";

    public static final SettingKey<String> HOST = SettingKey.host("email.smtp.host")
            .description("The SMTP server's host name or IP address, without port or scheme.")
            .build();
    public static final SettingKey<TlsMode> TLS = SettingKey.builder("email.smtp.tls", TlsMode.class, SmtpSettingKeys::tls)
            .formatter(TlsMode::id)
            .allowedValues("none", "starttls", "implicit")
            .defaultValue(TlsMode.STARTTLS)
            .description("none, starttls (required: nothing is sent if the server does not offer it) or implicit "
                    + "(SMTPS); true means starttls and false means none.")
            .build();
    public static final SettingKey<Integer> PORT = SettingKey.integer("email.smtp.port", 1, 65535)
            .defaultValue(r -> r.find(TLS).orElse(TlsMode.STARTTLS) == TlsMode.IMPLICIT ? 465 : 25,
                    "25 (465 when email.smtp.tls=implicit)")
            .description("The SMTP server's port.")
            .build();
    public static final SettingKey<Boolean> AUTH_ENABLED = SettingKey.bool("email.smtp.auth.enabled")
            .defaultValue(false)
            .description("Whether the server requires authentication.")
            .build();
    public static final SettingKey<SmtpAuthMechanism> AUTH_MECHANISM = SettingKey.choice("email.smtp.auth.mechanism",
                    SmtpAuthMechanism.class, SmtpAuthMechanism::id)
            .defaultValue(SmtpAuthMechanism.PASSWORD)
            .description("password (AUTH PLAIN/LOGIN) or xoauth2 (OAuth 2.0 with the email.graph.* app registration).")
            .build();
    public static final SettingKey<String> AUTH_USERNAME = SettingKey.text("email.smtp.auth.username")
            .credentialGroup(CREDENTIALS)
            .description("The SMTP user name (for xoauth2: the mailbox address).")
            .build();
    public static final SettingKey<Secret> AUTH_PASSWORD = SettingKey.secret("email.smtp.auth.password")
            .credentialGroup(CREDENTIALS)
            .description("The SMTP password. Resolves together with the user name, from the same layer.")
            .build();
    public static final SettingKey<String> AUTH_SCOPE = SettingKey.text("email.smtp.auth.scope")
            .defaultValue("https://outlook.office365.com/.default")
            .description("The OAuth 2.0 scope requested for xoauth2.")
            .build();
    public static final SettingKey<Path> TRUST_STORE = SettingKey.path("email.smtp.trust-store")
            .description("A trust store (PKCS#12 or JKS) for a private CA; without it the JVM's default trust store applies.")
            .build();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = SettingKey.secret("email.smtp.trust-store-password")
            .description("The trust store's password, if it has one.")
            .build();
    public static final SettingKey<Duration> CONNECT_TIMEOUT = SettingKey.duration("email.smtp.connect-timeout")
            .defaultValue(Duration.ofSeconds(10))
            .description("How long to wait for the TCP connection, and for a free pooled connection; the TLS "
                    + "handshake and each reply are bounded by email.smtp.read-timeout.")
            .build();
    public static final SettingKey<Duration> READ_TIMEOUT = SettingKey.duration("email.smtp.read-timeout")
            .defaultValue(Duration.ofSeconds(30))
            .description("How long to wait for each server reply.")
            .build();
    public static final SettingKey<Duration> WRITE_TIMEOUT = SettingKey.duration("email.smtp.write-timeout")
            .defaultValue(Duration.ofSeconds(30))
            .description("How long a write to the server may block.")
            .build();
    public static final SettingKey<Integer> POOL_MAX_CONNECTIONS = SettingKey.integer("email.smtp.pool.max-connections", 1, 100)
            .defaultValue(4)
            .description("Connections kept open per SMTP server and account; also the most sends in parallel.")
            .build();
    public static final SettingKey<Duration> POOL_IDLE_TIMEOUT = SettingKey.duration("email.smtp.pool.idle-timeout")
            .defaultValue(Duration.ofSeconds(60))
            .description("An idle pooled connection is closed after this long.")
            .build();

    public static final SettingKey<SmtpPipelining> PIPELINING = SettingKey.choice("email.smtp.pipelining",
                    SmtpPipelining.class, SmtpPipelining::id)
            .defaultValue(SmtpPipelining.AUTO)
            .description("auto: send each message's commands as one group when the server offers PIPELINING, "
                    + "with the content as BDAT when it also offers CHUNKING; off: one command at a time, for a "
                    + "relay that mishandles pipelining.")
            .build();

    private static final List<SettingKey<?>> OWN = List.of(HOST, TLS, PORT, AUTH_ENABLED, AUTH_MECHANISM,
            AUTH_USERNAME, AUTH_PASSWORD, AUTH_SCOPE, TRUST_STORE, TRUST_STORE_PASSWORD, CONNECT_TIMEOUT,
            READ_TIMEOUT, WRITE_TIMEOUT, POOL_MAX_CONNECTIONS, POOL_IDLE_TIMEOUT, PIPELINING);

    private SmtpSettingKeys() {
    }

    /** The SMTP keys, in reference order, without the DKIM keys and the app registration's. */
    public static List<SettingKey<?>> all() {
        return OWN;
    }

    static ProviderSettings settings() {
        List<SettingKey<?>> keys = new ArrayList<>(OWN);
        keys.addAll(DkimSettingKeys.all());
        keys.addAll(MicrosoftIdentityKeys.all());
        return ProviderSettings.of(keys, SmtpSettingKeys::validate);
    }

    private static void validate(SettingsCheck check) {
        check.require(HOST, "required when email.delivery-method=smtp")
                .requireWith(TRUST_STORE_PASSWORD, TRUST_STORE);
        DkimSettingKeys.validate(check);
        if (!check.settings().get(AUTH_ENABLED)) {
            return;
        }
        if (check.settings().get(AUTH_MECHANISM) == SmtpAuthMechanism.XOAUTH2) {
            check.require(AUTH_USERNAME, "required for xoauth2: the mailbox to send as");
            MicrosoftIdentityKeys.validate(check,
                    "required when email.smtp.auth.mechanism=xoauth2 (the app registration that gets the token)");
            return;
        }
        check.requireTogether(AUTH_USERNAME, AUTH_PASSWORD, "required when email.smtp.auth.enabled=true");
    }

    private static TlsMode tls(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> TlsMode.STARTTLS;
            case "false", "no", "off" -> TlsMode.NONE;
            default -> {
                for (TlsMode mode : TlsMode.values()) {
                    if (mode.id().equals(s.toLowerCase(Locale.ROOT))) {
                        yield mode;
                    }
                }
                throw new IllegalArgumentException("must be one of none, starttls, implicit; was '" + s + "'");
            }
        };
    }
}
