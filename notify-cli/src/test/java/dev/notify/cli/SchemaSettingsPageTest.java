package dev.notify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's settings page (delivery method switch, SMTP or Graph fields, SMS fields, "inherited from global")
 * rendered from nothing but {@code notify schema --json} and {@code notify resolve --json}, as a host's admin page
 * would be.
 */
class SchemaSettingsPageTest {

    private final JsonNode schema = CliRun.of("schema", "--json").json();

    /** The fields shown when the form's current values are {@code values}: a key is shown when it applies. */
    private List<String> visibleFields(Map<String, String> values) {
        List<String> shown = new ArrayList<>();
        for (JsonNode key : schema.get("keys")) {
            JsonNode when = key.get("appliesWhen");
            if (when.isNull()) {
                shown.add(key.get("key").asText());
                continue;
            }
            String current = values.get(when.get("key").asText());
            for (JsonNode allowed : when.get("anyOf")) {
                if (allowed.asText().equals(current)) {
                    shown.add(key.get("key").asText());
                }
            }
        }
        return shown;
    }

    private static Map<String, String> form(String emailMethod, String smsMethod) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email.delivery-method", emailMethod);
        values.put("sms.delivery-method", smsMethod);
        return values;
    }

    @Test
    void smtpFieldsAreShownOnlyForSmtp() {
        List<String> smtp = visibleFields(form("smtp", "email-gateway"));
        List<String> graph = visibleFields(form("graph", "email-gateway"));

        assertThat(smtp).contains("email.smtp.host", "email.smtp.port", "email.smtp.auth.password");
        assertThat(graph).doesNotContain("email.smtp.host", "email.smtp.port", "email.smtp.auth.password");
    }

    @Test
    void graphFieldsAreShownOnlyForGraph() {
        List<String> smtp = visibleFields(form("smtp", "email-gateway"));
        List<String> graph = visibleFields(form("graph", "email-gateway"));

        assertThat(graph).contains("email.graph.endpoint", "email.graph.save-to-sent-items", "email.graph.tenant-id");
        assertThat(smtp).doesNotContain("email.graph.endpoint", "email.graph.save-to-sent-items");
    }

    @Test
    void channelSwitchesAndSmsFieldsFollowTheirOwnDeliveryMethod() {
        List<String> gateway = visibleFields(form("smtp", "email-gateway"));

        assertThat(gateway).contains("email.enabled", "email.delivery-method", "sms.enabled", "sms.delivery-method",
                "sms.email-gateway.destination-domain");
        assertThat(visibleFields(form("smtp", "acme"))).doesNotContain("sms.email-gateway.destination-domain")
                .contains("sms.acme.account");
    }

    @Test
    void choicesOfferTheirValuesAndSecretsAreMarked() {
        JsonNode tls = ProviderOwnedSettingsTest.key(schema, "email.smtp.tls");
        JsonNode password = ProviderOwnedSettingsTest.key(schema, "email.smtp.auth.password");

        assertThat(tls.get("allowedValues").toString()).isEqualTo("[\"none\",\"starttls\",\"implicit\"]");
        assertThat(tls.get("default").asText()).isEqualTo("starttls");
        assertThat(password.get("secret").asBoolean()).isTrue();
        assertThat(password.get("credentialGroup").asText()).isEqualTo("smtp-credentials");
    }
}
