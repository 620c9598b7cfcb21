package dev.notify.microsoft;

import dev.notify.microsoft.internal.AppRegistrationIds;
import dev.notify.settings.Secret;
import dev.notify.settings.SettingKey;
import dev.notify.spi.SettingsCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The keys of a Microsoft Entra app registration, read by every module that gets a client-credentials token
 * for it: the Graph provider, and the SMTP provider for XOAUTH2. The tenant, the client and its secret or
 * certificate form one credential group. Both providers declare these keys; they are one key each.
 *
 * <p>This class is threadsafe.
 */
public final class MicrosoftIdentityKeys {

    /** Credential group of the app registration (tenant, client, secret or certificate). */
    public static final String CREDENTIALS = "graph-credentials";

    public static final SettingKey<GraphCloud> CLOUD = SettingKey.choice("email.graph.cloud", GraphCloud.class, GraphCloud::id)
            .defaultValue(GraphCloud.GLOBAL)
            .description("global, usgov, usgov-dod or china: sets the login authority, the Graph endpoint and the scope.")
            .build();
    /**
     * A GUID or a verified domain of the tenant, checked when read: {@code common}, {@code organizations} and
     * {@code consumers} name no tenant and are refused, and so is anything that could change the authority's path.
     */
    public static final SettingKey<String> TENANT_ID = SettingKey.text("email.graph.tenant-id")
            .check(AppRegistrationIds::tenantProblem)
            .credentialGroup(CREDENTIALS)
            .description("The directory (tenant) ID of the app registration.")
            .build();
    /** A GUID, checked when read. */
    public static final SettingKey<String> CLIENT_ID = SettingKey.text("email.graph.client-id")
            .check(AppRegistrationIds::clientProblem)
            .credentialGroup(CREDENTIALS)
            .description("The application (client) ID.")
            .build();
    public static final SettingKey<Secret> CLIENT_SECRET = SettingKey.secret("email.graph.client-secret")
            .credentialGroup(CREDENTIALS)
            .description("The client secret's value (not its ID). Or use email.graph.client-certificate.")
            .build();
    public static final SettingKey<Path> CLIENT_CERTIFICATE = SettingKey.path("email.graph.client-certificate")
            .credentialGroup(CREDENTIALS)
            .description("A PKCS#12 file with the app's certificate and private key, instead of a client secret.")
            .build();
    public static final SettingKey<Secret> CLIENT_CERTIFICATE_PASSWORD = SettingKey.secret(
                    "email.graph.client-certificate-password")
            .credentialGroup(CREDENTIALS)
            .description("The PKCS#12 file's password.")
            .build();
    public static final SettingKey<URI> AUTHORITY = SettingKey.url("email.graph.authority")
            .defaultValue(r -> r.find(CLOUD).orElse(GraphCloud.GLOBAL).authority(), "from email.graph.cloud")
            .description("The login host's base URL; the tenant ID is appended to it.")
            .build();
    public static final SettingKey<Path> TRUST_STORE = SettingKey.path("email.graph.trust-store")
            .description("A trust store (PKCS#12 or JKS) for the login host and Graph, e.g. behind a TLS-inspecting "
                    + "proxy; without it the JVM's default trust store applies.")
            .build();
    public static final SettingKey<Secret> TRUST_STORE_PASSWORD = SettingKey.secret("email.graph.trust-store-password")
            .description("The Graph trust store's password, if it has one.")
            .build();
    public static final SettingKey<Duration> CONNECT_TIMEOUT = SettingKey.duration("email.graph.connect-timeout")
            .defaultValue(Duration.ofSeconds(10))
            .description("How long to wait for a connection to the login host or Graph.")
            .build();
    public static final SettingKey<Duration> READ_TIMEOUT = SettingKey.duration("email.graph.read-timeout")
            .defaultValue(Duration.ofSeconds(30))
            .description("How long to wait for a response from the login host or Graph.")
            .build();

    private static final List<SettingKey<?>> ALL = List.of(CLOUD, TENANT_ID, CLIENT_ID, CLIENT_SECRET,
            CLIENT_CERTIFICATE, CLIENT_CERTIFICATE_PASSWORD, AUTHORITY, TRUST_STORE, TRUST_STORE_PASSWORD,
            CONNECT_TIMEOUT, READ_TIMEOUT);

    private MicrosoftIdentityKeys() {
    }

    /** Every key of the app registration, in reference order. */
    public static List<SettingKey<?>> all() {
        return ALL;
    }

    /**
     * Checks the app registration: tenant and client set, with exactly one of a secret or a certificate, and a
     * trust store password only with a trust store.
     *
     * @param why when the registration is required, {@code required when email.delivery-method=graph}
     */
    public static void validate(SettingsCheck check, String why) {
        check.require(TENANT_ID, why)
                .require(CLIENT_ID, why)
                .requireOneOf(CLIENT_SECRET, CLIENT_CERTIFICATE, why)
                .requireWith(TRUST_STORE_PASSWORD, TRUST_STORE);
    }
}
