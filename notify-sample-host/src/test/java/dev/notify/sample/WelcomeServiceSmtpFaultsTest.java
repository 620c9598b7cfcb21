package dev.notify.sample;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.FakeSmsProvider;
import dev.notify.testkit.Outbox;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The welcome email through notify-smtp to a mail server that turns the first connection away and knows no Bob. */
class WelcomeServiceSmtpFaultsTest {

    private static final NewUser ALICE = new NewUser("Alice", "alice@example.com", "+1 555 010 1234");
    private static final NewUser BOB = new NewUser("Bob", "bob@example.com", "+1 555 010 9876");

    // snippet: smtp-faults
    @RegisterExtension
    final SmtpServerExtension smtp = SmtpServerExtension.plain()
            .withFault(SmtpFault.rcpt("bob@example.com").reply(550, "5.1.1 no such user"))
            .withFault(SmtpFault.greeting().reply(421, "4.3.2 try again later").times(1));
    // end-snippet

    private Notifier notifier;

    @BeforeEach
    void createNotifier() {
        Layer settings = Layer.builder(smtp.layer())
                .set("email.retry.initial-delay", "10ms")
                .set("sms.enabled", "true")
                .set("sms.delivery-method", "fake")
                .build();
        notifier = Notifier.builder().settings(Settings.of(settings)).provider(new FakeSmsProvider()).build();
    }

    @AfterEach
    void closeNotifier() {
        notifier.close();
    }

    @Test
    void welcomeEmailTurnedAwayOnceArrivesOnTheSecondConnection() {
        Welcome welcome = new WelcomeService(notifier).welcome("eu-1", ALICE);

        assertThat(welcome.email().attempts()).isEqualTo(2);
        assertThat(smtp.connections()).isEqualTo(2);
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void unknownMailboxFailsTheWelcomeWithTheServersReasonBeforeAnySms() {
        assertThatThrownBy(() -> new WelcomeService(notifier).welcome("eu-1", BOB))
                .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> assertThat(e.rejectedRecipients())
                        .singleElement().satisfies(r -> {
                            assertThat(r.address()).isEqualTo("bob@example.com");
                            assertThat(r.replyCode()).isEqualTo(550);
                            assertThat(r.reason()).isEqualTo("5.1.1 no such user");
                        }));
        assertThat(Outbox.of(notifier)).hasSentNothing();
        assertThat(smtp.messages()).isEmpty();
    }
}
