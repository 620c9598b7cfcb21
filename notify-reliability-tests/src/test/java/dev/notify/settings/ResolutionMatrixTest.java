package dev.notify.settings;

import static dev.notify.testkit.TestSettings.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.notify.Problem;
import dev.notify.graph.GraphSettingKeys;
import dev.notify.message.EmailAddress;
import dev.notify.microsoft.MicrosoftIdentityKeys;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.smtp.TlsMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResolutionMatrixTest {

    private static final String[] BASE = {
        "email.enabled=true",
        "email.sender=Customer Service <support@example.com>",
        "email.smtp.host=mail.example.com",
    };

    private static final Origin EU1 = Origin.server("eu-1");
    private static final Origin TENANT = Origin.server("tenant-a");

    static Stream<Arguments> matrix() {
        return Stream.of(
                arguments("defaults only: port", lines(), "eu-1", SmtpSettingKeys.PORT, 25, Origin.DEFAULT),
                arguments("defaults only: tls", lines(), "eu-1", SmtpSettingKeys.TLS, TlsMode.STARTTLS, Origin.DEFAULT),
                arguments("defaults only: connect timeout", lines(), "eu-1", SmtpSettingKeys.CONNECT_TIMEOUT,
                        Duration.ofSeconds(10), Origin.DEFAULT),
                arguments("defaults only: read timeout", lines(), null, SmtpSettingKeys.READ_TIMEOUT,
                        Duration.ofSeconds(30), Origin.DEFAULT),
                arguments("defaults only: delivery method", lines(), "eu-1", SettingKeys.EMAIL_DELIVERY_METHOD, "smtp",
                        Origin.DEFAULT),
                arguments("defaults only: email disabled", lines(), "eu-1", SettingKeys.EMAIL_ENABLED, false,
                        Origin.DEFAULT),
                arguments("defaults only: host has no value", lines(), "eu-1", SmtpSettingKeys.HOST, null,
                        Origin.DEFAULT),
                arguments("global only: host", lines(BASE), "eu-1", SmtpSettingKeys.HOST, "mail.example.com",
                        Origin.GLOBAL),
                arguments("global only: resolved for the global settings", lines(BASE), null, SmtpSettingKeys.HOST,
                        "mail.example.com", Origin.GLOBAL),
                arguments("global only: sender", lines(BASE), "eu-1", SettingKeys.EMAIL_SENDER,
                        EmailAddress.parse("support@example.com"), Origin.GLOBAL),
                arguments("server override: host", lines(BASE, "servers.eu-1.email.smtp.host=relay-eu.example.com"),
                        "eu-1", SmtpSettingKeys.HOST, "relay-eu.example.com", EU1),
                arguments("server override does not reach another server",
                        lines(BASE, "servers.eu-1.email.smtp.host=relay-eu.example.com"), "us-1", SmtpSettingKeys.HOST,
                        "mail.example.com", Origin.GLOBAL),
                arguments("server override does not change the global settings",
                        lines(BASE, "servers.eu-1.email.smtp.host=relay-eu.example.com"), null, SmtpSettingKeys.HOST,
                        "mail.example.com", Origin.GLOBAL),
                arguments("three layers: server's own value",
                        lines(BASE, "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-a",
                                "servers.eu-1.email.smtp.host=relay-eu.example.com"),
                        "eu-1", SmtpSettingKeys.HOST, "relay-eu.example.com", EU1),
                arguments("three layers: tenant's value",
                        lines(BASE, "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-a",
                                "servers.eu-1.email.smtp.host=relay-eu.example.com"),
                        "eu-1", SmtpSettingKeys.PORT, 2525, TENANT),
                arguments("three layers: global's value",
                        lines(BASE, "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-a"),
                        "eu-1", SettingKeys.EMAIL_SENDER, EmailAddress.parse("support@example.com"), Origin.GLOBAL),
                arguments("three layers: server overrides tenant",
                        lines(BASE, "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-a",
                                "servers.eu-1.email.smtp.port=587"),
                        "eu-1", SmtpSettingKeys.PORT, 587, EU1),
                arguments("port 465 when tls=implicit and no layer sets a port",
                        lines(BASE, "email.smtp.tls=implicit"), "eu-1", SmtpSettingKeys.PORT, 465, Origin.DEFAULT),
                arguments("port default follows the server's tls",
                        lines(BASE, "servers.eu-1.email.smtp.tls=implicit"), "eu-1", SmtpSettingKeys.PORT, 465,
                        Origin.DEFAULT),
                arguments("a port set by any layer wins over the implicit-tls default",
                        lines(BASE, "email.smtp.port=2465", "servers.eu-1.email.smtp.tls=implicit"), "eu-1",
                        SmtpSettingKeys.PORT, 2465, Origin.GLOBAL),
                arguments("tls=true means starttls", lines(BASE, "email.smtp.tls=true"), "eu-1", SmtpSettingKeys.TLS,
                        TlsMode.STARTTLS, Origin.GLOBAL),
                arguments("tls=false means none", lines(BASE, "servers.eu-1.email.smtp.tls=false"), "eu-1",
                        SmtpSettingKeys.TLS, TlsMode.NONE, EU1),
                arguments("credential group: server sets only the user name, password not inherited",
                        lines(BASE, "email.smtp.auth.enabled=true", "email.smtp.auth.username=portal",
                                "email.smtp.auth.password=s3cr3t-pass", "servers.eu-1.email.smtp.auth.username=eu-user"),
                        "eu-1", SmtpSettingKeys.AUTH_PASSWORD, null, EU1),
                arguments("credential group: server sets both, password from the server",
                        lines(BASE, "email.smtp.auth.enabled=true", "email.smtp.auth.username=portal",
                                "email.smtp.auth.password=global-pass", "servers.eu-1.email.smtp.auth.username=eu-user",
                                "servers.eu-1.email.smtp.auth.password=eu-pass"),
                        "eu-1", SmtpSettingKeys.AUTH_PASSWORD, Secret.of("eu-pass"), EU1),
                arguments("credential group: server sets only the password, user name not inherited",
                        lines(BASE, "email.smtp.auth.username=portal", "email.smtp.auth.password=global-pass",
                                "servers.eu-1.email.smtp.auth.password=eu-pass"),
                        "eu-1", SmtpSettingKeys.AUTH_USERNAME, null, EU1),
                arguments("credential group: a server that sets neither inherits both from one layer",
                        lines(BASE, "email.smtp.auth.username=portal", "email.smtp.auth.password=global-pass"),
                        "eu-1", SmtpSettingKeys.AUTH_USERNAME, "portal", Origin.GLOBAL),
                arguments("graph credential group: server's tenant id keeps the global client secret out",
                        lines(BASE, "email.graph.tenant-id=global.onmicrosoft.com", "email.graph.client-id=00000000-0000-0000-0000-0000000000c0",
                                "email.graph.client-secret=graph-secret-value", "servers.eu-1.email.graph.tenant-id=eu.onmicrosoft.com"),
                        "eu-1", MicrosoftIdentityKeys.CLIENT_SECRET, null, EU1),
                arguments("graph credential group: client id not inherited either",
                        lines(BASE, "email.graph.tenant-id=global.onmicrosoft.com", "email.graph.client-id=00000000-0000-0000-0000-0000000000c0",
                                "servers.eu-1.email.graph.tenant-id=eu.onmicrosoft.com"),
                        "eu-1", MicrosoftIdentityKeys.CLIENT_ID, null, EU1),
                arguments("graph credential group: from the tenant layer as a whole",
                        lines(BASE, "email.graph.tenant-id=global.onmicrosoft.com", "servers.tenant-a.email.graph.tenant-id=tenant-a.onmicrosoft.com",
                                "servers.tenant-a.email.graph.client-id=00000000-0000-0000-0000-0000000000ca", "servers.eu-1.inherits=tenant-a"),
                        "eu-1", MicrosoftIdentityKeys.CLIENT_ID, "00000000-0000-0000-0000-0000000000ca", TENANT),
                arguments("cleared value: server clears the global reply-to",
                        lines(BASE, "email.reply-to=replies@example.com", "servers.eu-1.email.reply-to="),
                        "eu-1", SettingKeys.EMAIL_REPLY_TO, null, EU1),
                arguments("cleared value: other servers keep the global reply-to",
                        lines(BASE, "email.reply-to=replies@example.com", "servers.eu-1.email.reply-to="),
                        "us-1", SettingKeys.EMAIL_REPLY_TO, EmailAddress.parse("replies@example.com"), Origin.GLOBAL),
                arguments("graph cloud global: authority", lines(), "eu-1", MicrosoftIdentityKeys.AUTHORITY,
                        URI.create("https://login.microsoftonline.com"), Origin.DEFAULT),
                arguments("graph cloud global: scope", lines(), "eu-1", GraphSettingKeys.SCOPE,
                        "https://graph.microsoft.com/.default", Origin.DEFAULT),
                arguments("graph cloud usgov: authority", lines("email.graph.cloud=usgov"), "eu-1",
                        MicrosoftIdentityKeys.AUTHORITY, URI.create("https://login.microsoftonline.us"), Origin.DEFAULT),
                arguments("graph cloud usgov: endpoint", lines("email.graph.cloud=usgov"), "eu-1",
                        GraphSettingKeys.ENDPOINT, URI.create("https://graph.microsoft.us"), Origin.DEFAULT),
                arguments("graph cloud usgov: scope", lines("email.graph.cloud=usgov"), "eu-1", GraphSettingKeys.SCOPE,
                        "https://graph.microsoft.us/.default", Origin.DEFAULT),
                arguments("graph cloud usgov-dod: endpoint", lines("servers.eu-1.email.graph.cloud=usgov-dod"), "eu-1",
                        GraphSettingKeys.ENDPOINT, URI.create("https://dod-graph.microsoft.us"), Origin.DEFAULT),
                arguments("graph cloud china: authority", lines("email.graph.cloud=china"), "eu-1",
                        MicrosoftIdentityKeys.AUTHORITY, URI.create("https://login.chinacloudapi.cn"), Origin.DEFAULT),
                arguments("graph endpoint override wins over the cloud, trailing slash dropped",
                        lines("email.graph.cloud=usgov", "servers.eu-1.email.graph.endpoint=https://localhost:8443/"),
                        "eu-1", GraphSettingKeys.ENDPOINT, URI.create("https://localhost:8443"), EU1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void resolvesValueAndOrigin(String description, String[] properties, String server, SettingKey<?> key,
            Object expectedValue, Origin expectedOrigin) {
        Settings settings = parse(properties);

        ResolvedSettings resolved = server == null ? settings.resolveGlobal() : settings.resolve(server);

        assertThat(resolved.find(key)).as("value of %s", key).isEqualTo(java.util.Optional.ofNullable(expectedValue));
        assertThat(resolved.origin(key)).as("origin of %s", key).isEqualTo(expectedOrigin);
    }

    @Test
    void serverUserNameWithoutPasswordIsAProblemNamingBothFullKeys() {
        Settings settings = parse(lines(BASE, "email.smtp.auth.enabled=true", "email.smtp.auth.username=portal",
                "email.smtp.auth.password=s3cr3t-pass", "servers.eu-1.email.smtp.auth.username=eu-user"));

        ResolvedSettings eu1 = settings.resolve("eu-1");

        assertThat(eu1.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.email.smtp.auth.password");
            assertThat(p.message()).contains("servers.eu-1.email.smtp.auth.username");
        });
        assertThat(settings.resolveGlobal().problems()).isEmpty();
    }

    @Test
    void serverSettingBothCredentialsIsValid() {
        Settings settings = parse(lines(BASE, "email.smtp.auth.enabled=true", "email.smtp.auth.username=portal",
                "email.smtp.auth.password=global-pass", "servers.eu-1.email.smtp.auth.username=eu-user",
                "servers.eu-1.email.smtp.auth.password=eu-pass"));

        ResolvedSettings eu1 = settings.resolve("eu-1");

        assertThat(eu1.problems()).isEmpty();
        assertThat(eu1.get(SmtpSettingKeys.AUTH_USERNAME)).isEqualTo("eu-user");
        assertThat(eu1.origin(SmtpSettingKeys.AUTH_USERNAME)).isEqualTo(EU1);
    }

    @Test
    void graphKeysAreNotRequiredWhileDeliveryIsSmtp() {
        Settings settings = parse(BASE);

        assertThat(settings.resolve("eu-1").problems()).isEmpty();
    }

    @Test
    void graphKeysAreRequiredWhenDeliveryIsGraph() {
        Settings settings = parse(lines(BASE, "servers.eu-1.email.delivery-method=graph"));

        List<Problem> problems = settings.resolve("eu-1").problems();

        assertThat(problems).extracting(Problem::key).containsExactly("servers.eu-1.email.graph.tenant-id",
                "servers.eu-1.email.graph.client-id", "servers.eu-1.email.graph.client-secret");
        assertThat(settings.resolve("us-1").problems()).isEmpty();
    }

    @Test
    void graphDeliveryDoesNotRequireSmtpHost() {
        Settings settings = parse("email.enabled=true", "email.sender=support@example.com",
                "email.delivery-method=graph", "email.graph.tenant-id=contoso.onmicrosoft.com",
                "email.graph.client-id=00000000-0000-0000-0000-0000000000c0",
                "email.graph.client-secret=graph-secret-value");

        assertThat(settings.resolve("eu-1").problems()).isEmpty();
    }

    @Test
    void disabledEmailNeedsNoSmtpSettings() {
        Settings settings = parse("email.enabled=false", "email.smtp.auth.enabled=true");

        assertThat(settings.resolve("eu-1").problems()).isEmpty();
    }

    @Test
    void enabledEmailWithoutHostAndSenderReportsBoth() {
        Settings settings = parse("servers.eu-1.email.enabled=true");

        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::key)
                .containsExactly("servers.eu-1.email.sender", "servers.eu-1.email.smtp.host");
    }

    @Test
    void smsEnabledWithEmailDisabledIsAProblem() {
        Settings settings = parse(lines(BASE, "sms.enabled=true", "sms.email-gateway.sender=sms@example.com",
                "sms.email-gateway.destination-domain=sms.example.net", "servers.eu-1.email.enabled=false"));

        List<Problem> problems = settings.resolve("eu-1").problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("sms.enabled");
            assertThat(p.message()).contains("servers.eu-1.email.enabled=false");
        });
        assertThat(settings.resolve("us-1").problems()).isEmpty();
    }

    @Test
    void resolutionIsCachedPerSettingsInstance() {
        Settings settings = parse(BASE);

        ResolvedSettings first = settings.resolve("eu-1");

        assertThat(settings.resolve("eu-1")).isSameAs(first);
        assertThat(settings.resolveGlobal()).isSameAs(settings.resolveGlobal());
    }

    @Test
    void newSettingsResolveAgain() {
        Settings settings = parse(BASE);
        ResolvedSettings before = settings.resolve("eu-1");

        Settings changed = Settings.builder(settings)
                .server("eu-1", Layer.builder().set(SmtpSettingKeys.HOST, "relay-eu.example.com").build())
                .build();

        assertThat(changed.resolve("eu-1")).isNotSameAs(before);
        assertThat(changed.resolve("eu-1").get(SmtpSettingKeys.HOST)).isEqualTo("relay-eu.example.com");
        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.HOST)).isEqualTo("mail.example.com");
    }

    @Test
    void fullKeyNamesTheLayerTheValueCameFrom() {
        Settings settings = parse(lines(BASE, "servers.tenant-a.email.smtp.port=2525", "servers.eu-1.inherits=tenant-a"));

        ResolvedSettings eu1 = settings.resolve("eu-1");

        assertThat(eu1.fullKey(SmtpSettingKeys.PORT)).isEqualTo("servers.tenant-a.email.smtp.port");
        assertThat(eu1.fullKey(SmtpSettingKeys.HOST)).isEqualTo("email.smtp.host");
        assertThat(eu1.fullKey(SmtpSettingKeys.TLS)).isEqualTo("servers.eu-1.email.smtp.tls");
    }

    @Test
    void programmaticLayersResolveLikeProperties() {
        Settings settings = Settings.builder()
                .global(Layer.builder().set(SmtpSettingKeys.HOST, "mail.example.com").set("email.smtp.port", "587").build())
                .server("eu-1", Layer.builder().set(SmtpSettingKeys.PORT, 2525).build())
                .build();

        assertThat(settings.resolve("eu-1").get(SmtpSettingKeys.PORT)).isEqualTo(2525);
        assertThat(settings.resolve("us-1").get(SmtpSettingKeys.PORT)).isEqualTo(587);
        assertThat(settings.resolve("us-1").origin(SmtpSettingKeys.PORT)).isEqualTo(Origin.GLOBAL);
    }

    private static String[] lines(String... lines) {
        return lines;
    }

    private static String[] lines(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }
}
