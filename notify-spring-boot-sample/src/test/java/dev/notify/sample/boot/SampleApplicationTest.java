package dev.notify.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.SettingsException;
import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Origin;
import dev.notify.settings.ResolvedSettings;
import dev.notify.settings.SettingKeys;
import dev.notify.testkit.graph.GraphServerExtension;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application as it runs: settings from application.yml (a global layer and the servers eu-1 and us-1),
 * email through the test kit's SMTP server (STARTTLS and AUTH) and, for us-1, its Microsoft Graph stub; health
 * and metrics from the actuator over JMX.
 */
@SpringBootTest(properties = {"spring.jmx.enabled=true", "management.endpoints.jmx.domain=notify.sample.application"})
class SampleApplicationTest {

    @RegisterExtension
    static final SmtpServerExtension smtp = MailServers.smtp();

    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        MailServers.register(registry, smtp, graph);
    }

    private final Actuator actuator = new Actuator("notify.sample.application");

    @Autowired
    private Notifier notifier;

    @Autowired
    private WelcomeService welcome;

    @Autowired
    private NotifySettingsAdmin admin;

    @Test
    void globalLayerAndTwoServerOverridesBind() {
        ResolvedSettings eu1 = notifier.server("eu-1").settings();
        ResolvedSettings us1 = notifier.server("us-1").settings();
        ResolvedSettings other = notifier.server("ap-3").settings();

        assertThat(eu1.get(SettingKeys.EMAIL_SENDER))
                .isEqualTo(EmailAddress.parse("Sample Portal EU <noreply@eu-1.portal.example>"));
        assertThat(eu1.origin(SettingKeys.EMAIL_SENDER)).isEqualTo(Origin.server("eu-1"));
        assertThat(eu1.get(SettingKeys.EMAIL_DELIVERY_METHOD)).isEqualTo("smtp");
        assertThat(eu1.origin(SettingKeys.EMAIL_DELIVERY_METHOD)).isEqualTo(Origin.GLOBAL);
        assertThat(us1.get(SettingKeys.EMAIL_DELIVERY_METHOD)).isEqualTo("graph");
        assertThat(us1.origin(SettingKeys.EMAIL_DELIVERY_METHOD)).isEqualTo(Origin.server("us-1"));
        assertThat(us1.origin(SettingKeys.EMAIL_RETRY_INITIAL_DELAY)).isEqualTo(Origin.GLOBAL);
        assertThat(other.get(SettingKeys.EMAIL_SENDER))
                .isEqualTo(EmailAddress.parse("Sample Portal <noreply@portal.example>"));
        assertThat(List.of(eu1, us1, other)).allSatisfy(s -> assertThat(s.problems()).isEmpty());
    }

    @Test
    void welcomeOfEu1GoesThroughTheSmtpServerFromEu1sSender() {
        SendResult result = welcome.welcome("eu-1", "Alice", "alice@example.com");

        assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
        EmailMessage received = smtp.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(received.from()).contains(EmailAddress.parse("Sample Portal EU <noreply@eu-1.portal.example>"));
        assertThat(received.subject()).isEqualTo("Welcome to eu-1, Alice");
    }

    @Test
    void welcomeOfUs1GoesThroughMicrosoftGraph() {
        SendResult result = welcome.welcome("us-1", "Bob", "bob@example.com");

        assertThat(result.providerId()).contains("graph");
        assertThat(graph.messages()).singleElement().extracting(EmailMessage::subject)
                .isEqualTo("Welcome to us-1, Bob");
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void sendIsObservedWithTheDocumentedTags() {
        double before = sends("eu-1");

        welcome.welcome("eu-1", "Carol", "carol@example.com");

        assertThat(sends("eu-1")).isEqualTo(before + 1);
        Map<String, List<String>> tags = actuator.tags("notify.send");
        assertThat(tags).containsKeys("channel", "provider", "server", "outcome", "error.type");
        assertThat(tags.get("channel")).contains("email");
        assertThat(tags.get("provider")).contains("smtp");
        assertThat(tags.get("error.type")).contains("none");
        assertThat(tags.values()).allSatisfy(values -> assertThat(values).noneMatch(v -> v.contains("@")));
        assertThat(actuator.count("notify.send.attempt", "server:eu-1", "outcome:success")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void healthShowsEachServerUp() {
        welcome.welcome("eu-1", "Dan", "dan@example.com");

        Map<String, Object> health = actuator.health();
        Map<String, Object> notify = component(health, "notify");

        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(notify.get("status")).isEqualTo("UP");
        assertThat(Actuator.map(notify.get("components"))).containsKeys("global", "eu-1", "us-1");
        Map<String, Object> eu1 = component(notify, "eu-1");
        assertThat(eu1.get("status")).isEqualTo("UP");
        Map<String, Object> email = Actuator.map(Actuator.map(eu1.get("details")).get("email"));
        assertThat(email).containsEntry("deliveryMethod", "smtp").containsEntry("ready", true);
        assertThat(Actuator.map(email.get("lastSend"))).containsEntry("outcome", "delivered");
        assertThat(Actuator.map(Actuator.map(component(notify, "us-1").get("details")).get("email")))
                .containsEntry("deliveryMethod", "graph");
    }

    @Test
    void settingsSavedByTheAdministratorReachTheNextSend() {
        try {
            admin.save(Map.of("notify.servers.eu-9.email.sender", "Sample Portal EU 9 <noreply@eu-9.portal.example>"));
            welcome.welcome("eu-9", "Erin", "erin@example.com");
        } finally {
            admin.save(Map.of());
        }

        assertThat(smtp.awaitMessages(1, Duration.ofSeconds(10)).get(0).from())
                .contains(EmailAddress.parse("Sample Portal EU 9 <noreply@eu-9.portal.example>"));
        assertThat(notifier.server("eu-9").settings().get(SettingKeys.EMAIL_SENDER))
                .isEqualTo(EmailAddress.parse("Sample Portal <noreply@portal.example>"));
    }

    @Test
    void invalidSettingsFromTheAdministratorAreRefusedAndChangeNothing() {
        assertThatThrownBy(() -> admin.save(Map.of("notify.servers.eu-1.email.smtp.prot", "2525")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("notify.servers.eu-1.email.smtp.prot: unknown setting; did you mean "
                        + "'notify.servers.eu-1.email.smtp.port'? (property source 'notify-admin')");

        assertThat(welcome.welcome("eu-1", "Fay", "fay@example.com").status()).isEqualTo(SendStatus.ACCEPTED);
    }

    private double sends(String server) {
        try {
            return actuator.count("notify.send", "server:" + server, "outcome:delivered");
        } catch (AssertionError | RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, Object> component(Map<String, Object> health, String name) {
        return Actuator.map(Actuator.map(health.get("components")).get(name));
    }
}
