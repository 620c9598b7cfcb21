package dev.notify.sms.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.Channel;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.PropertiesFormat;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingDescription;
import dev.notify.settings.SettingsSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each provider's keys, their checks and its validator, which names every missing key with its server's prefix. */
class SettingsValidationTest {

    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

    private static ResolvedSettings resolve(String server, String... lines) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sms.enabled", "true");
        for (String line : lines) {
            int eq = line.indexOf('=');
            properties.put(line.substring(0, eq), line.substring(eq + 1));
        }
        var settings = PropertiesFormat.standard().parse(properties);
        return server == null ? settings.resolveGlobal() : settings.resolve(server);
    }

    private static List<String> problemKeys(ResolvedSettings settings) {
        return settings.problems(Channel.SMS).stream().map(Problem::key).toList();
    }

    @ParameterizedTest(name = "[{index}] {0} without its keys")
    @CsvSource(delimiter = '|', textBlock = """
            twilio  | servers.eu-1.sms.twilio.account-sid, servers.eu-1.sms.twilio.auth-token, servers.eu-1.sms.twilio.from
            vonage  | servers.eu-1.sms.vonage.api-key, servers.eu-1.sms.vonage.api-secret, servers.eu-1.sms.vonage.from
            infobip | servers.eu-1.sms.infobip.base-url, servers.eu-1.sms.infobip.api-key
            webhook | servers.eu-1.sms.webhook.url
            """)
    void validatorNamesEveryMissingKeyOfTheServer(String provider, String keys) {
        ResolvedSettings settings = resolve("eu-1", "servers.eu-1.sms.delivery-method=" + provider);

        assertThat(problemKeys(settings)).containsExactly(keys.split(",\\s*"));
        assertThat(settings.problems(Channel.SMS)).allSatisfy(p -> {
            assertThat(p.isMissingValue()).isTrue();
            assertThat(p.message()).contains("sms.delivery-method=" + provider);
        });
    }

    @Test
    void twilioWantsEitherTheAuthTokenOrAnApiKeyAndEitherASenderOrAMessagingService() {
        ResolvedSettings both = resolve(null, "sms.delivery-method=twilio", "sms.twilio.account-sid=" + ACCOUNT_SID,
                "sms.twilio.auth-token=t", "sms.twilio.api-key-sid=SK" + "0".repeat(32),
                "sms.twilio.api-key-secret=s", "sms.twilio.from=+15550100000",
                "sms.twilio.messaging-service-sid=MG" + "0".repeat(32));

        assertThat(both.problems(Channel.SMS)).extracting(Problem::message).containsExactly(
                "set either it or sms.twilio.api-key-sid, not both", "set either it or sms.twilio.messaging-service-sid, not both");
    }

    @Test
    void twilioApiKeyNeedsItsSecret() {
        ResolvedSettings settings = resolve(null, "sms.delivery-method=twilio", "sms.twilio.account-sid=" + ACCOUNT_SID,
                "sms.twilio.api-key-sid=SK" + "0".repeat(32), "sms.twilio.from=ACME");

        assertThat(problemKeys(settings)).containsExactly("sms.twilio.api-key-secret");
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            sms.twilio.account-sid            | SK0123456789abcdef0123456789abcdef | must be an Account SID: AC followed by 32 hexadecimal digits
            sms.twilio.messaging-service-sid  | MG123                              | must be a Messaging Service SID
            sms.twilio.from                   | +1 555 010 0000                    | must be a phone number in E.164
            sms.vonage.from                   | Notify Services Inc                | alphanumeric sender ID of up to 11
            sms.twilio.base-url               | http://api.twilio.example          | must be an https:// URL
            sms.webhook.url                   | https://user:pw@relay.example/sms  | must not contain a user name or password
            sms.twilio.request-timeout        | 0s                                 | must be longer than zero
            """)
    void valuesThatCannotWorkAreRefusedWhenTheSettingsAreRead(String key, String value, String message) {
        SettingsException e = catchThrowableOfType(SettingsException.class, () -> resolve(null, key + "=" + value));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.message()).contains(message);
        });
        assertThat(e.getMessage()).doesNotContain("pw@");
    }

    @ParameterizedTest
    @CsvSource({"http://localhost:8080/sms", "http://127.0.0.1:9/sms", "http://[::1]:8080/sms", "https://relay.example/sms"})
    void plainHttpIsAcceptedForLoopbackOnly(String url) {
        ResolvedSettings settings = resolve(null, "sms.delivery-method=webhook", "sms.webhook.url=" + url);

        assertThat(settings.problems(Channel.SMS)).isEmpty();
    }

    @Test
    void badWebhookHeadersAreNamedByPositionNeverByValue() {
        ResolvedSettings settings = resolve("eu-1", "sms.delivery-method=webhook",
                "servers.eu-1.sms.webhook.url=https://relay.example",
                "servers.eu-1.sms.webhook.headers=Authorization: Bearer s3cr3t-value; X-Broken s3cr3t-two");

        assertThat(settings.problems(Channel.SMS)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.sms.webhook.headers");
            assertThat(p.message()).isEqualTo("entry 2 has no ':' between a header name and its value; write "
                    + "'Name: value' entries separated by ';'");
        });
        assertThat(settings.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void serverThatSetsOnlyTheWebhookHeadersDoesNotInheritTheGlobalUrl() {
        ResolvedSettings settings = resolve("eu-1", "sms.delivery-method=webhook", "sms.webhook.url=https://relay.example",
                "servers.eu-1.sms.webhook.headers=Authorization: Bearer eu-token");

        assertThat(settings.problems(Channel.SMS)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("servers.eu-1.sms.webhook.url");
            assertThat(p.message()).contains("a group is never mixed across layers");
        });
    }

    @Test
    void trustStorePasswordWithoutTrustStoreIsAProblem() {
        ResolvedSettings settings = resolve(null, "sms.delivery-method=webhook", "sms.webhook.url=https://relay.example",
                "sms.webhook.trust-store-password=changeit");

        assertThat(settings.problems(Channel.SMS)).extracting(Problem::message)
                .containsExactly("is set but sms.webhook.trust-store is not");
    }

    @Test
    void schemaDescribesEveryKeyWithItsProviderSecretsAndCredentialGroups() {
        List<SettingDescription> described = SettingsSchema.installed().describe();

        assertThat(described).filteredOn(d -> d.name().equals("sms.twilio.auth-token")).singleElement()
                .satisfies(d -> {
                    assertThat(d.secret()).isTrue();
                    assertThat(d.credentialGroup()).contains("twilio-credentials");
                    assertThat(d.providers()).containsExactly("twilio");
                });
        assertThat(described).filteredOn(d -> d.name().startsWith("sms.")).extracting(SettingDescription::name)
                .contains("sms.vonage.api-secret", "sms.infobip.base-url", "sms.webhook.headers",
                        "sms.twilio.connect-timeout", "sms.vonage.request-timeout", "sms.infobip.trust-store");
    }
}
