package dev.notify.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendStatus;
import dev.notify.graph.GraphSenderProvider;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.graph.GraphFault;
import dev.notify.testkit.graph.GraphServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The welcome email through notify-graph to the test kit's Microsoft Graph stand-in. */
class WelcomeServiceGraphTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");

    // snippet: graph
    @RegisterExtension
    static final GraphServerExtension graph = GraphServerExtension.create();

    @Test
    void welcomeEmailIsSentThroughGraph() {
        try (Notifier notifier = notifier()) {
            Welcome welcome = new WelcomeService(notifier).welcome("eu-1", ALICE);

            assertThat(welcome.email().status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(welcome.sms().status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
        }
        assertThat(graph.messages()).singleElement()
                .extracting(EmailMessage::subject).isEqualTo("Welcome to eu-1, Alice");
    }

    @Test
    void throttledGraphIsRetried() {
        graph.failNextSendMails(1, GraphFault.throttled(Duration.ofSeconds(1)));

        try (Notifier notifier = notifier()) {
            Welcome welcome = new WelcomeService(notifier).welcome("eu-1", ALICE);

            assertThat(welcome.email().attempts()).isEqualTo(2);
        }
        assertThat(graph.messages()).hasSize(1);
    }

    private static Notifier notifier() {
        Layer settings = Layer.builder(graph.layer()).set("email.retry.max-delay", "100ms").build();
        return Notifier.builder()
                .settings(Settings.of(settings))
                .provider(new GraphSenderProvider().withTrustStore(graph.trustStore()))
                .build();
    }
    // end-snippet
}
