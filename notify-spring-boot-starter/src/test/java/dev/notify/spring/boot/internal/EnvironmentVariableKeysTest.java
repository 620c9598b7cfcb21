package dev.notify.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.settings.SettingsSchema;
import dev.notify.sms.SmsGatewayProvider;
import dev.notify.smtp.SmtpSenderProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentVariableKeysTest {

    private final EnvironmentVariableKeys keys = new EnvironmentVariableKeys(
            SettingsSchema.of(List.of(new SmtpSenderProvider(), new SmsGatewayProvider())));

    @Test
    void globalVariableMapsToItsKeyWithDotsAndDashesWhereTheSchemaHasThem() {
        assertThat(keys.key("EMAIL_SMTP_HOST", Set.of())).contains("email.smtp.host");
        assertThat(keys.key("EMAIL_DELIVERY_METHOD", Set.of())).contains("email.delivery-method");
        assertThat(keys.key("EMAIL_SMTP_AUTH_PASSWORD", Set.of())).contains("email.smtp.auth.password");
        assertThat(keys.key("SMS_EMAIL_GATEWAY_DESTINATION_DOMAIN", Set.of()))
                .contains("sms.email-gateway.destination-domain");
    }

    @Test
    void variableOfADeprecatedKeyNameMapsToThatNameWhichTheSettingsReadWithAWarning() {
        assertThat(keys.key("SMS_DESTINATION_DOMAIN", Set.of())).contains("sms.destination-domain");
    }

    @Test
    void springBootsDashlessFormMapsToo() {
        assertThat(keys.key("EMAIL_DELIVERYMETHOD", Set.of())).contains("email.delivery-method");
        assertThat(keys.key("EMAIL_SMTP_POOL_MAXCONNECTIONS", Set.of())).contains("email.smtp.pool.max-connections");
    }

    @Test
    void serverVariableFindsTheServerTheOtherSourcesName() {
        assertThat(keys.key("SERVERS_EU_1_EMAIL_SMTP_AUTH_PASSWORD", Set.of("eu-1", "us-1")))
                .contains("servers.eu-1.email.smtp.auth.password");
        assertThat(keys.key("SERVERS_EU1_EMAIL_SMTP_HOST", Set.of("eu-1")))
                .contains("servers.eu-1.email.smtp.host");
        assertThat(keys.key("SERVERS_EU_1_INHERITS", Set.of("eu-1"))).contains("servers.eu-1.inherits");
    }

    @Test
    void serverOnlyInTheEnvironmentIsNamedInLowerCase() {
        assertThat(keys.key("SERVERS_EU_1_EMAIL_ENABLED", Set.of())).contains("servers.eu_1.email.enabled");
        assertThat(keys.key("SERVERS_PARIS_SMS_ENABLED", Set.of())).contains("servers.paris.sms.enabled");
    }

    @Test
    void serverMatchingSeveralKnownServersIsNamedAsWritten() {
        assertThat(keys.key("SERVERS_EU_1_EMAIL_ENABLED", Set.of("eu1", "e-u-1"))).contains("servers.eu_1.email.enabled");
    }

    @Test
    void unknownKeyInNotifysSectionsIsKeptSoThatReadingItReportsIt() {
        assertThat(keys.key("EMAIL_SMTP_PROT", Set.of())).contains("email.smtp.prot");
        assertThat(keys.key("SERVERS_EU_1_EMAIL_SMTP_PROT", Set.of("eu-1"))).contains("servers.eu-1.email.smtp.prot");
    }

    @Test
    void variableOutsideNotifysSectionsIsNotNotifys() {
        assertThat(keys.key("SOCKET", Set.of())).isEmpty();
        assertThat(keys.key("HOME_DIR", Set.of())).isEmpty();
    }
}
