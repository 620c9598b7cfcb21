package dev.notify.sample;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendStatus;
import dev.notify.settings.PropertiesFormat;
import dev.notify.testkit.FakeEmailProvider;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The welcome service tested with the fake providers found on the class path. */
class WelcomeServiceTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");

    // snippet: fake-setup
    private final Notifier notifier = Notifier.builder()
            .settings(PropertiesFormat.standard().parse(Map.of(
                    "email.enabled", "true",
                    "email.delivery-method", "fake",
                    "email.sender", "Sample <noreply@sample.test>",
                    "sms.enabled", "true",
                    "sms.delivery-method", "fake",
                    "servers.quiet.email.enabled", "false",
                    "servers.quiet.sms.enabled", "false")))
            .provider(new FakeEmailProvider())
            .provider(new FakeSmsProvider())
            .build();
    private final Outbox outbox = Outbox.of(notifier);

    @AfterEach
    void closeNotifier() {
        notifier.close();
    }
    // end-snippet

    // snippet: fake-assertions
    @Test
    void welcomeEmailGoesToTheNewUser() {
        new WelcomeService(notifier).welcome("eu-1", ALICE);

        assertThat(outbox).hasSentEmailTo("alice@example.com")
                .withSubjectContaining("Welcome to eu-1")
                .withTextContaining("Hello Alice")
                .withAttachmentNamed("getting-started.pdf");
    }

    @Test
    void passcodeSmsGoesToTheNewUsersPhone() {
        Welcome welcome = new WelcomeService(notifier).welcome("eu-1", ALICE);

        assertThat(outbox).hasSentSmsTo("+15550101234")
                .withTextContaining(welcome.passcode())
                .withTextMatching("passcode is \\d{6}\\.");
    }
    // end-snippet

    @Test
    void welcomeSendsOneEmailAndOneSms() {
        new WelcomeService(notifier, () -> "424242").welcome("eu-1", ALICE);

        assertThat(outbox).hasSentEmails(1).hasSentSms(1);
        assertThat(outbox).hasSentEmailTo("alice@example.com").from("noreply@sample.test")
                .withHtmlContaining("<b>eu-1</b>").withHeader("X-Sample-Kind", "welcome").once();
        assertThat(outbox).hasSentSmsTo("+1 (555) 010-1234").withTextContaining("424242").once();
    }

    @Test
    void nameIsEscapedInTheHtmlBody() {
        new WelcomeService(notifier).welcome("eu-1", new NewUser("<script>", "bob@example.com", "+15550109999"));

        assertThat(outbox).hasSentEmailTo("bob@example.com").withHtmlContaining("Hello &lt;script&gt;");
    }

    // snippet: disabled-server
    @Test
    void serverWithNotificationsOffSendsNothing() {
        Welcome welcome = new WelcomeService(notifier).welcome("quiet", ALICE);

        assertThat(welcome.email().status()).isEqualTo(SendStatus.CHANNEL_DISABLED);
        assertThat(outbox).hasSentNothing();
    }
    // end-snippet

    // snippet: await
    @Test
    void welcomeInTheBackgroundArrives() {
        new WelcomeService(notifier).welcomeInBackground("eu-1", ALICE);

        outbox.awaitEmails(1, Duration.ofSeconds(5));
        assertThat(outbox).hasSentEmailTo("alice@example.com").withSubjectContaining("Welcome");
    }
    // end-snippet
}
