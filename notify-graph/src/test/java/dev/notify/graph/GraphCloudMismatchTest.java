package dev.notify.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.Problem;
import dev.notify.SettingsException;
import dev.notify.settings.Settings;
import dev.notify.testkit.TestSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A login host and a Graph host of two Microsoft clouds are refused by validation, not at the first send. */
class GraphCloudMismatchTest {

    private static final List<String> APP = List.of(
            "email.enabled=true",
            "email.delivery-method=graph",
            "email.sender=notifications@contoso.example",
            "email.graph.tenant-id=11111111-2222-3333-4444-555555555555",
            "email.graph.client-id=66666666-7777-8888-9999-000000000000",
            "email.graph.client-secret=test-secret");

    @Test
    void loginHostOfOneCloudWithTheGraphOfAnotherIsAProblemOnTheOverriddenAuthority() {
        Settings settings = settings("email.graph.authority=https://login.microsoftonline.us");

        assertThat(settings.resolveGlobal().problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("email.graph.authority");
            assertThat(p.message()).contains("login host of the usgov and usgov-dod clouds",
                    "email.graph.endpoint=https://graph.microsoft.com (Graph of the global cloud)", "email.graph.cloud");
        });
    }

    @Test
    void overriddenEndpointOfAnotherCloudIsTheKeyNamedAndCheckShowsIt() {
        Settings settings = settings("servers.eu-1.email.graph.cloud=usgov",
                "servers.eu-1.email.graph.endpoint=https://graph.microsoft.com");

        try (Notifier notifier = Notifier.builder().settings(settings).build()) {
            assertThatThrownBy(() -> notifier.server("eu-1").check())
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                            .extracting(Problem::key).contains("servers.eu-1.email.graph.endpoint"));
        }
        assertThat(settings.resolve("eu-1").problems()).extracting(Problem::key)
                .containsExactly("servers.eu-1.email.graph.endpoint", "servers.eu-1.email.graph.scope");
        assertThat(settings.resolveGlobal().problems()).isEmpty();
    }

    @Test
    void scopeForAnotherCloudsGraphIsAProblemOnTheScope() {
        Settings settings = settings("email.graph.scope=https://graph.microsoft.us/.default");

        assertThat(settings.resolveGlobal().problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("email.graph.scope");
            assertThat(p.message()).contains("usgov", "https://graph.microsoft.com/.default");
        });
    }

    @Test
    void hostsOfOneCloudAndHostsOfNoMicrosoftCloudAreAccepted() {
        assertThat(settings("email.graph.cloud=usgov-dod").resolveGlobal().problems()).isEmpty();
        assertThat(settings("email.graph.authority=https://login.microsoftonline.us",
                "email.graph.endpoint=https://graph.microsoft.us", "email.graph.scope=https://graph.microsoft.us/.default")
                .resolveGlobal().problems()).isEmpty();
        assertThat(settings("email.graph.cloud=usgov", "email.graph.authority=https://localhost:8443",
                "email.graph.endpoint=https://localhost:8443").resolveGlobal().problems()).isEmpty();
        assertThat(settings("email.graph.endpoint=https://graph-proxy.contoso.example").resolveGlobal().problems())
                .isEmpty();
    }

    private static Settings settings(String... lines) {
        List<String> all = new ArrayList<>(APP);
        all.addAll(List.of(lines));
        return TestSettings.parse(all.toArray(String[]::new));
    }
}
