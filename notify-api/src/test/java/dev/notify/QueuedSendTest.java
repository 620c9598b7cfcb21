package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which sends reach a sender as queued (it may combine them with others) and which as a caller's own send. */
class QueuedSendTest {

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private final Notifier notifier = Notifier.builder()
            .settings(TestSettings.parse("email.enabled=true", "email.sender=support@example.com",
                    "email.smtp.host=mail.example.com"))
            .provider(smtp).discoverProviders(false).build();

    @AfterEach
    void close() {
        notifier.close();
    }

    @Test
    void synchronousSendIsNotQueued() {
        notifier.global().sendEmail(email());

        assertThat(smtp.attempts()).singleElement().satisfies(a -> assertThat(a.queued()).isFalse());
    }

    @Test
    void asynchronousSendIsQueued() throws Exception {
        notifier.global().sendEmailAsync(email()).get(5, TimeUnit.SECONDS);

        assertThat(smtp.attempts()).singleElement().satisfies(a -> assertThat(a.queued()).isTrue());
    }

    @Test
    void plannedAttemptOfTheOutboxIsQueued() {
        notifier.global().attempt(email(), new AttemptPlan(1, Instant.now(), failure -> Optional.empty()));

        assertThat(smtp.attempts()).singleElement().satisfies(a -> assertThat(a.queued()).isTrue());
    }

    private static EmailMessage email() {
        return EmailMessage.builder().to("alice@example.com").subject("Report").text("Ready.").build();
    }
}
