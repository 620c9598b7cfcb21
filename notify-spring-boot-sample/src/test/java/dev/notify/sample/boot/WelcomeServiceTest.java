package dev.notify.sample.boot;

import static dev.notify.testkit.assertions.NotifyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.PermanentDeliveryException;
import dev.notify.message.EmailAddress;
import dev.notify.spring.boot.test.AutoConfigureNotifyFakes;
import dev.notify.testkit.Fakes;
import dev.notify.testkit.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The application's own code, tested with the test kit's fakes instead of a mail server. */
@SpringBootTest
@AutoConfigureNotifyFakes
class WelcomeServiceTest {

    @Autowired
    private WelcomeService welcome;

    @Autowired
    private Outbox outbox;

    @Autowired
    private Fakes fakes;

    @Test
    void welcomeEmailGoesToTheNewUserFromTheServersSender() {
        welcome.welcome("eu-1", "Alice", "alice@example.com");

        assertThat(outbox).hasSentEmailTo("alice@example.com").withSubjectContaining("Welcome to eu-1");
        assertThat(outbox.emails().get(0).from())
                .contains(EmailAddress.parse("Sample Portal EU <noreply@eu-1.portal.example>"));
    }

    @Test
    void serverThatSendsThroughGraphUsesTheFakesToo() {
        welcome.welcome("us-1", "Bob", "bob@example.com");

        assertThat(outbox).hasSentEmailTo("bob@example.com").withSubjectContaining("Welcome to us-1");
    }

    @Test
    void refusedRecipientFailsTheWelcome() {
        fakes.email().rejectRecipient("carol@example.com");

        assertThatThrownBy(() -> welcome.welcome("eu-1", "Carol", "carol@example.com"))
                .isInstanceOf(PermanentDeliveryException.class);
        assertThat(outbox).hasSentNothing();
    }
}
