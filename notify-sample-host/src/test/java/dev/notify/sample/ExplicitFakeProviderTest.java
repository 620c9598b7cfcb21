package dev.notify.sample;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;

import dev.notify.Notifier;
import dev.notify.settings.PropertiesFormat;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fakes registered explicitly, with an outbox the test owns, instead of found on the class path. */
class ExplicitFakeProviderTest {

    @Test
    void explicitlyRegisteredFakesRecordIntoTheTestsOutbox() {
        // snippet: explicit
        Outbox outbox = new Outbox();
        try (Notifier notifier = Notifier.builder()
                .settings(PropertiesFormat.standard().parse(Map.of(
                        "email.enabled", "true",
                        "email.delivery-method", "fake",
                        "email.sender", "noreply@sample.test",
                        "sms.enabled", "true",
                        "sms.delivery-method", "fake")))
                .provider(FakeEmailProvider.builder().outbox(outbox).latency(Duration.ofMillis(20)).build())
                .provider(new FakeSmsProvider(outbox))
                .discoverProviders(false)
                .build()) {

            new WelcomeService(notifier).welcome("eu-1", new NewUser("Bob", "bob@example.com", "+15550109876"));

            assertThat(outbox).hasSentEmails(1).hasSentSms(1);
        }
        // end-snippet
    }
}
