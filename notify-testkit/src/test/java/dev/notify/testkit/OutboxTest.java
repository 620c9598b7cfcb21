package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.message.EmailMessage;
import dev.notify.message.SmsMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final Notifier notifier = FakeSettings.discoveredNotifier();
    private final Outbox outbox = Outbox.of(notifier);

    @AfterEach
    void close() {
        notifier.close();
    }

    @Test
    void awaitEmailsReturnsOnceTheBackgroundSendsArrived() {
        Fakes.of(notifier).email().latency(Duration.ofMillis(100));
        CompletableFuture<?> first = notifier.global().sendEmailAsync(email("one"));
        CompletableFuture<?> second = notifier.global().sendEmailAsync(email("two"));

        List<EmailMessage> emails = outbox.awaitEmails(2, Duration.ofSeconds(10));

        assertThat(emails).extracting(EmailMessage::subject).containsExactlyInAnyOrder("one", "two");
        assertThat(CompletableFuture.allOf(first, second)).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void awaitEmailsFailsAfterTheTimeoutListingWhatArrived() {
        notifier.global().sendEmail(email("only one"));

        assertThatThrownBy(() -> outbox.awaitEmails(2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected at least 2 emails within 100 ms, but 1 arrived")
                .hasMessageContaining("subject 'only one'");
    }

    @Test
    void awaitSmsReturnsOnceTheBackgroundSmsArrived() {
        Fakes.of(notifier).sms().latency(Duration.ofMillis(100));
        notifier.global().sendSmsAsync(SmsMessage.of("+15550101234", "code 42"));

        List<SmsMessage> sms = outbox.awaitSms(1, Duration.ofSeconds(10));

        assertThat(sms).extracting(SmsMessage::text).containsExactly("code 42");
    }

    @Test
    void smsToComparesNumbersByTheirDigits() {
        notifier.global().sendSms(SmsMessage.of("+1 (555) 010-1234", "a"));
        notifier.global().sendSms(SmsMessage.of("+1 555 010 9999", "b"));

        assertThat(outbox.smsTo("15550101234")).extracting(SmsMessage::text).containsExactly("a");
    }

    @Test
    void emailsToFindsCcAndBccRecipientsIgnoringDomainCase() {
        notifier.global().sendEmail(EmailMessage.builder().to("a@example.com").bcc("b@Example.COM").subject("s")
                .text("t").build());

        assertThat(outbox.emailsTo("b@example.com")).hasSize(1);
        assertThat(outbox.emailsTo("c@example.com")).isEmpty();
    }

    @Test
    void clearForgetsEverything() {
        notifier.global().sendEmail(email("x"));
        notifier.global().sendSms(SmsMessage.of("+15550101234", "y"));

        outbox.clear();

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(Outbox.of(notifier).emails()).isEmpty();
    }

    private static EmailMessage email(String subject) {
        return EmailMessage.builder().to("a@example.com").subject(subject).text("hello").build();
    }
}
