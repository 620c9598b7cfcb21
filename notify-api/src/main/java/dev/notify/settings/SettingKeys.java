package dev.notify.settings;

import dev.notify.message.EmailAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting notify knows, in the order the reference documents them. Keys are written without a server
 * prefix here; in a properties file a server's value is {@code servers.<id>.<key>}.
 *
 * <p>This class is threadsafe.
 */
public final class SettingKeys {

    /** Credential group of the SMTP user name and password. */
    public static final String SMTP_CREDENTIALS = "smtp-credentials";
    /** Credential group of the Graph app registration (tenant, client, secret or certificate). */
    public static final String GRAPH_CREDENTIALS = "graph-credentials";

    public static final SettingKey<Boolean> EMAIL_ENABLED = bool("email.enabled", false,
            "Whether this server sends email at all. Off until an administrator turns it on.");
    public static final SettingKey<String> EMAIL_DELIVERY_METHOD = SettingKey.builder("email.delivery-method",
                    String.class, ValueParsers::identifier)
            .defaultValue("smtp")
            .description("The provider that delivers email: smtp, graph, or the id of any installed provider.")
            .build();
    public static final SettingKey<EmailAddress> EMAIL_SENDER = SettingKey.builder("email.sender",
                    EmailAddress.class, ValueParsers::mailbox)
            .description("The From of every email: 'Display Name <address>' or a bare address.")
            .build();
    public static final SettingKey<EmailAddress> EMAIL_REPLY_TO = SettingKey.builder("email.reply-to",
                    EmailAddress.class, ValueParsers::mailbox)
            .description("Reply-To for messages that set none themselves.")
            .build();

    public static final SettingKey<String> SMTP_HOST = SettingKey.builder("email.smtp.host", String.class,
                    ValueParsers::host)
            .description("The SMTP server's host name or IP address, without port or scheme.")
            .build();
    public static final SettingKey<TlsMode> SMTP_TLS = SettingKey.builder("email.smtp.tls", TlsMode.class,
                    ValueParsers::tls)
            .defaultValue(TlsMode.STARTTLS)
            .documentedDefault("starttls")
            .formatter(TlsMode::id)
            .description("none, starttls (required: nothing is sent if the server does not offer it) or implicit "
                    + "(SMTPS); true means starttls and false means none.")
            .build();
    public static final SettingKey<Integer> SMTP_PORT = SettingKey.builder("email.smtp.port", Integer.class,
                    ValueParsers::integer)
            .check(ValueParsers.range(1, 65535))
            .defaultValue(r -> r.apply(SettingKeys.SMTP_TLS) == TlsMode.IMPLICIT ? 465 : 25,
                    "25 (465 when email.smtp.tls=implicit)")
            .description("The SMTP server's port.")
            .build();
    public static final SettingKey<Boolean> SMTP_AUTH_ENABLED = bool("email.smtp.auth.enabled", false,
            "Whether the server requires authentication.");
    public static final SettingKey<SmtpAuthMechanism> SMTP_AUTH_MECHANISM = SettingKey.builder(
                    "email.smtp.auth.mechanism", SmtpAuthMechanism.class,
                    s -> ValueParsers.choice(s, SmtpAuthMechanism.values(), SmtpAuthMechanism::id))
            .defaultValue(SmtpAuthMechanism.PASSWORD)
            .documentedDefault("password")
            .formatter(SmtpAuthMechanism::id)
            .description("password (AUTH PLAIN/LOGIN) or xoauth2 (OAuth 2.0 with the email.graph.* app registration).")
            .build();
    public static final SettingKey<String> SMTP_AUTH_USERNAME = SettingKey.builder("email.smtp.auth.username",
                    String.class, ValueParsers::text)
            .credentialGroup(SMTP_CREDENTIALS)
            .description("The SMTP user name (for xoauth2: the mailbox address).")
            .build();
    public static final SettingKey<Secret> SMTP_AUTH_PASSWORD = SettingKey.builder("email.smtp.auth.password",
                    Secret.class, Secret::of)
            .credentialGroup(SMTP_CREDENTIALS)
            .description("The SMTP password. Resolves together with the user name, from the same layer.")
            .build();
    public static final SettingKey<String> SMTP_AUTH_SCOPE = SettingKey.builder("email.smtp.auth.scope",
                    String.class, ValueParsers::text)
            .defaultValue("https://outlook.office365.com/.default")
            .description("The OAuth 2.0 scope requested for xoauth2.")
            .build();
    public static final SettingKey<Path> SMTP_TRUST_STORE = SettingKey.builder("email.smtp.trust-store", Path.class,
                    ValueParsers::path)
            .description("A trust store (PKCS#12 or JKS) for a private CA; without it the JVM's default trust store applies.")
            .build();
    public static final SettingKey<Secret> SMTP_TRUST_STORE_PASSWORD = SettingKey.builder(
                    "email.smtp.trust-store-password", Secret.class, Secret::of)
            .description("The trust store's password, if it has one.")
            .build();
    public static final SettingKey<Duration> SMTP_CONNECT_TIMEOUT = duration("email.smtp.connect-timeout",
            Duration.ofSeconds(10), "How long to wait for the TCP connection, and for a free pooled connection; "
            + "the TLS handshake and each reply are bounded by email.smtp.read-timeout.");
    public static final SettingKey<Duration> SMTP_READ_TIMEOUT = duration("email.smtp.read-timeout",
            Duration.ofSeconds(30), "How long to wait for each server reply.");
    public static final SettingKey<Duration> SMTP_WRITE_TIMEOUT = duration("email.smtp.write-timeout",
            Duration.ofSeconds(30), "How long a write to the server may block.");
    public static final SettingKey<Integer> SMTP_POOL_MAX_CONNECTIONS = SettingKey.builder(
                    "email.smtp.pool.max-connections", Integer.class, ValueParsers::integer)
            .check(ValueParsers.range(1, 100))
            .defaultValue(4)
            .description("Connections kept open per SMTP server and account; also the most sends in parallel.")
            .build();
    public static final SettingKey<Duration> SMTP_POOL_IDLE_TIMEOUT = duration("email.smtp.pool.idle-timeout",
            Duration.ofSeconds(60), "An idle pooled connection is closed after this long.");

    public static final SettingKey<GraphCloud> GRAPH_CLOUD = SettingKey.builder("email.graph.cloud", GraphCloud.class,
                    s -> ValueParsers.choice(s, GraphCloud.values(), GraphCloud::id))
            .defaultValue(GraphCloud.GLOBAL)
            .documentedDefault("global")
            .formatter(GraphCloud::id)
            .description("global, usgov, usgov-dod or china: sets the login authority, the Graph endpoint and the scope.")
            .build();
    public static final SettingKey<String> GRAPH_TENANT_ID = graphCredential("email.graph.tenant-id",
            "The directory (tenant) ID of the app registration.");
    public static final SettingKey<String> GRAPH_CLIENT_ID = graphCredential("email.graph.client-id",
            "The application (client) ID.");
    public static final SettingKey<Secret> GRAPH_CLIENT_SECRET = SettingKey.builder("email.graph.client-secret",
                    Secret.class, Secret::of)
            .credentialGroup(GRAPH_CREDENTIALS)
            .description("The client secret's value (not its ID). Or use email.graph.client-certificate.")
            .build();
    public static final SettingKey<Path> GRAPH_CLIENT_CERTIFICATE = SettingKey.builder(
                    "email.graph.client-certificate", Path.class, ValueParsers::path)
            .credentialGroup(GRAPH_CREDENTIALS)
            .description("A PKCS#12 file with the app's certificate and private key, instead of a client secret.")
            .build();
    public static final SettingKey<Secret> GRAPH_CLIENT_CERTIFICATE_PASSWORD = SettingKey.builder(
                    "email.graph.client-certificate-password", Secret.class, Secret::of)
            .credentialGroup(GRAPH_CREDENTIALS)
            .description("The PKCS#12 file's password.")
            .build();
    public static final SettingKey<URI> GRAPH_AUTHORITY = SettingKey.builder("email.graph.authority", URI.class,
                    ValueParsers::httpsUrl)
            .defaultValue(r -> ((GraphCloud) r.apply(SettingKeys.GRAPH_CLOUD)).authority(), "from email.graph.cloud")
            .description("The login host's base URL; the tenant ID is appended to it.")
            .build();
    public static final SettingKey<URI> GRAPH_ENDPOINT = SettingKey.builder("email.graph.endpoint", URI.class,
                    ValueParsers::httpsUrl)
            .defaultValue(r -> ((GraphCloud) r.apply(SettingKeys.GRAPH_CLOUD)).endpoint(), "from email.graph.cloud")
            .description("Graph's base URL; /v1.0 is appended to it.")
            .build();
    public static final SettingKey<String> GRAPH_SCOPE = SettingKey.builder("email.graph.scope", String.class,
                    ValueParsers::text)
            .defaultValue(r -> ((GraphCloud) r.apply(SettingKeys.GRAPH_CLOUD)).endpoint() + "/.default",
                    "https://graph.microsoft.com/.default (the cloud's Graph host)")
            .description("The OAuth 2.0 scope requested for Graph.")
            .build();
    public static final SettingKey<Boolean> GRAPH_SAVE_TO_SENT_ITEMS = bool("email.graph.save-to-sent-items", false,
            "Whether Graph keeps a copy in the sender's Sent Items.");
    public static final SettingKey<Path> GRAPH_TRUST_STORE = SettingKey.builder("email.graph.trust-store", Path.class,
                    ValueParsers::path)
            .description("A trust store (PKCS#12 or JKS) for the login host and Graph, e.g. behind a TLS-inspecting "
                    + "proxy; without it the JVM's default trust store applies.")
            .build();
    public static final SettingKey<Secret> GRAPH_TRUST_STORE_PASSWORD = SettingKey.builder(
                    "email.graph.trust-store-password", Secret.class, Secret::of)
            .description("The Graph trust store's password, if it has one.")
            .build();
    public static final SettingKey<Duration> GRAPH_CONNECT_TIMEOUT = duration("email.graph.connect-timeout",
            Duration.ofSeconds(10), "How long to wait for a connection to the login host or Graph.");
    public static final SettingKey<Duration> GRAPH_READ_TIMEOUT = duration("email.graph.read-timeout",
            Duration.ofSeconds(30), "How long to wait for a response from the login host or Graph.");

    public static final SettingKey<Integer> RETRY_MAX_ATTEMPTS = SettingKey.builder("email.retry.max-attempts",
                    Integer.class, ValueParsers::integer)
            .check(ValueParsers.range(1, 20))
            .defaultValue(3)
            .description("Attempts per message, the first included; only transient failures are retried.")
            .build();
    public static final SettingKey<Duration> RETRY_INITIAL_DELAY = SettingKey.builder("email.retry.initial-delay",
                    Duration.class, ValueParsers::duration)
            .check(ValueParsers::notNegative)
            .defaultValue(Duration.ofSeconds(1))
            .documentedDefault("1s")
            .formatter(SettingKeys::formatDuration)
            .description("The wait before the second attempt; it doubles for each further attempt, with jitter.")
            .build();
    public static final SettingKey<Duration> RETRY_MAX_DELAY = duration("email.retry.max-delay",
            Duration.ofSeconds(30), "The longest single wait, also when a server asks for more (Retry-After).");
    public static final SettingKey<Duration> RETRY_MAX_TIME = duration("email.retry.max-time",
            Duration.ofMinutes(2), "No new attempt starts after this long since the first.");

    public static final SettingKey<Boolean> SMS_ENABLED = bool("sms.enabled", false,
            "Whether this server sends SMS. Needs email.enabled when SMS goes through the email gateway.");
    public static final SettingKey<String> SMS_DELIVERY_METHOD = SettingKey.builder("sms.delivery-method",
                    String.class, ValueParsers::identifier)
            .defaultValue("email-gateway")
            .description("The provider that delivers SMS: email-gateway, or the id of any installed SMS provider.")
            .build();
    public static final SettingKey<EmailAddress> SMS_SENDER = SettingKey.builder("sms.sender", EmailAddress.class,
                    ValueParsers::mailbox)
            .description("The From of gateway mails: the address registered with the SMS gateway.")
            .build();
    public static final SettingKey<String> SMS_DESTINATION_DOMAIN = SettingKey.builder("sms.destination-domain",
                    String.class, ValueParsers::domain)
            .description("The gateway's domain: an SMS to +1 555 010 1234 goes to 15550101234@<domain>.")
            .build();
    public static final SettingKey<Integer> SMS_DEFAULT_COUNTRY_CODE = SettingKey.builder(
                    "sms.default-country-code", Integer.class, ValueParsers::integer)
            .check(ValueParsers.range(1, 999))
            .description("The country calling code for numbers typed without one (1 for 555.010.1234).")
            .build();
    public static final SettingKey<SmsRecipientFormat> SMS_RECIPIENT_FORMAT = SettingKey.builder(
                    "sms.recipient-format", SmsRecipientFormat.class,
                    s -> ValueParsers.choice(s, SmsRecipientFormat.values(), SmsRecipientFormat::id))
            .defaultValue(SmsRecipientFormat.E164_DIGITS)
            .documentedDefault("e164-digits")
            .formatter(SmsRecipientFormat::id)
            .description("The gateway address's local part: e164-digits, national-digits or e164-plus.")
            .build();
    public static final SettingKey<Integer> SMS_MAX_SEGMENTS = SettingKey.builder("sms.max-segments", Integer.class,
                    ValueParsers::integer)
            .check(ValueParsers.range(1, 10))
            .defaultValue(1)
            .description("The longest text allowed, in SMS segments; a longer text is refused, never truncated.")
            .build();
    public static final SettingKey<String> SMS_SUBJECT = SettingKey.builder("sms.subject", String.class,
                    ValueParsers::text)
            .description("The Subject of gateway mails, for gateways that read it; empty by default.")
            .build();

    private static final List<SettingKey<?>> ALL = List.of(EMAIL_ENABLED, EMAIL_DELIVERY_METHOD, EMAIL_SENDER,
            EMAIL_REPLY_TO, SMTP_HOST, SMTP_TLS, SMTP_PORT, SMTP_AUTH_ENABLED, SMTP_AUTH_MECHANISM,
            SMTP_AUTH_USERNAME, SMTP_AUTH_PASSWORD, SMTP_AUTH_SCOPE, SMTP_TRUST_STORE, SMTP_TRUST_STORE_PASSWORD,
            SMTP_CONNECT_TIMEOUT, SMTP_READ_TIMEOUT, SMTP_WRITE_TIMEOUT, SMTP_POOL_MAX_CONNECTIONS,
            SMTP_POOL_IDLE_TIMEOUT, GRAPH_CLOUD, GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET,
            GRAPH_CLIENT_CERTIFICATE, GRAPH_CLIENT_CERTIFICATE_PASSWORD, GRAPH_AUTHORITY, GRAPH_ENDPOINT,
            GRAPH_SCOPE, GRAPH_SAVE_TO_SENT_ITEMS, GRAPH_TRUST_STORE, GRAPH_TRUST_STORE_PASSWORD, GRAPH_CONNECT_TIMEOUT, GRAPH_READ_TIMEOUT, RETRY_MAX_ATTEMPTS,
            RETRY_INITIAL_DELAY, RETRY_MAX_DELAY, RETRY_MAX_TIME, SMS_ENABLED, SMS_DELIVERY_METHOD, SMS_SENDER,
            SMS_DESTINATION_DOMAIN, SMS_DEFAULT_COUNTRY_CODE, SMS_RECIPIENT_FORMAT, SMS_MAX_SEGMENTS, SMS_SUBJECT);

    private static final Map<String, SettingKey<?>> BY_NAME = index();

    private SettingKeys() {
    }

    /** Every key, in reference order; defaults that depend on other keys come after them. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /** The key with this name ({@code email.smtp.port}), without a server prefix. */
    public static Optional<SettingKey<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The keys of a credential group, in reference order. */
    public static List<SettingKey<?>> group(String credentialGroup) {
        return ALL.stream().filter(k -> k.credentialGroup().filter(credentialGroup::equals).isPresent()).toList();
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static Map<String, SettingKey<?>> index() {
        Map<String, SettingKey<?>> byName = new LinkedHashMap<>();
        for (SettingKey<?> key : ALL) {
            byName.put(key.name(), key);
        }
        return Map.copyOf(byName);
    }

    private static SettingKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return SettingKey.builder(name, Boolean.class, ValueParsers::bool)
                .defaultValue(defaultValue)
                .description(description)
                .build();
    }

    private static SettingKey<Duration> duration(String name, Duration defaultValue, String description) {
        return SettingKey.builder(name, Duration.class, ValueParsers::duration)
                .check(ValueParsers::positive)
                .formatter(SettingKeys::formatDuration)
                .defaultValue(defaultValue)
                .documentedDefault(formatDuration(defaultValue))
                .description(description)
                .build();
    }

    private static SettingKey<String> graphCredential(String name, String description) {
        return SettingKey.builder(name, String.class, ValueParsers::text)
                .credentialGroup(GRAPH_CREDENTIALS)
                .description(description)
                .build();
    }
}
