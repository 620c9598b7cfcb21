package dev.notify.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.SendStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Email turned off for every server, with the probe on and asked to mark failures DOWN: a disabled channel is not
 * a failure, so every server, and the application, stay UP. No mail server is needed.
 */
@SpringBootTest(properties = {
        "notify.email.enabled=false",
        "management.health.notify.probe.enabled=true",
        "management.health.notify.probe.down-on-failure=true",
        "spring.jmx.enabled=true",
        "management.endpoints.jmx.domain=notify.sample.disabled"})
class EmailDisabledTest {

    private final Actuator actuator = new Actuator("notify.sample.disabled");

    @Autowired
    private WelcomeService welcome;

    @Test
    void healthShowsEachServerUpWithEmailDisabled() {
        Map<String, Object> health = actuator.health();
        Map<String, Object> servers = Actuator.map(Actuator.map(Actuator.map(health.get("components"))
                .get("notify")).get("components"));

        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(servers).containsOnlyKeys("global", "eu-1", "us-1");
        assertThat(servers.values()).allSatisfy(server -> {
            Map<String, Object> details = Actuator.map(Actuator.map(server).get("details"));
            assertThat(Actuator.map(server).get("status")).isEqualTo("UP");
            assertThat(Actuator.map(details.get("email"))).containsEntry("enabled", false)
                    .doesNotContainKeys("probe", "ready");
        });
    }

    @Test
    void welcomeIsNotSentAndSaysWhy() {
        assertThat(welcome.welcome("eu-1", "Alice", "alice@example.com").status())
                .isEqualTo(SendStatus.CHANNEL_DISABLED);
    }
}
