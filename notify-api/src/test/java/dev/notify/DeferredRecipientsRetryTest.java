package dev.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailAddress;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.support.RecordingProvider;
import dev.notify.support.TestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredRecipientsRetryTest {

    private static final String[] SETTINGS = {
        "email.enabled=true",
        "email.sender=support@example.com",
        "email.smtp.host=mail.example.com",
        "email.retry.initial-delay=5ms",
        "email.retry.max-attempts=3",
    };

    private final RecordingProvider smtp = RecordingProvider.email("smtp");
    private Notifier notifier;

    @AfterEach
    void close() {
        notifier.close();
    }

    private ServerNotifier global() {
        notifier = Notifier.builder().settings(TestSettings.parse(SETTINGS)).provider(smtp).discoverProviders(false).build();
        return notifier.global();
    }

    private static EmailMessage toThree() {
        return EmailMessage.builder().to("a@example.com", "b@example.com").cc("c@example.com")
                .subject("Report").text("Ready.").build();
    }

    /** Accepts a@, refuses b@ permanently, defers c@ until attempt {@code acceptDeferredAt}. */
    private static RecordingProvider.Behaviour mixed(int acceptDeferredAt) {
        return (message, attempt) -> {
            EmailMessage email = (EmailMessage) message;
            List<String> accepted = new ArrayList<>();
            List<RejectedRecipient> rejected = new ArrayList<>();
            for (EmailAddress r : email.recipients()) {
                switch (r.localPart()) {
                    case "a" -> accepted.add(r.address());
                    case "b" -> rejected.add(new RejectedRecipient(r.address(), 550, "no such user", false));
                    default -> {
                        if (attempt >= acceptDeferredAt) {
                            accepted.add(r.address());
                        } else {
                            rejected.add(new RejectedRecipient(r.address(), 452, "mailbox busy", true));
                        }
                    }
                }
            }
            return new Delivery(email.messageId().orElseThrow(), accepted, rejected, Map.of());
        };
    }

    @Test
    void onlyDeferredRecipientsAreRetriedWithTheSameMessageId() {
        smtp.behaviour(mixed(2));

        SendResult result = global().sendEmail(toThree());

        assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.accepted()).containsExactly("a@example.com", "c@example.com");
        assertThat(result.rejected()).extracting(RejectedRecipient::address).containsExactly("b@example.com");
        assertThat(smtp.attempts()).hasSize(2);
        assertThat(smtp.attempts().get(1).email().recipients()).extracting(EmailAddress::address)
                .containsExactly("c@example.com");
        assertThat(smtp.attempts().get(1).email().messageId()).isEqualTo(smtp.attempts().get(0).email().messageId());
    }

    @Test
    void recipientsStillDeferredAfterTheLastAttemptAreReportedAsTransientRejections() {
        smtp.behaviour(mixed(99));

        SendResult result = global().sendEmail(toThree());

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.accepted()).containsExactly("a@example.com");
        assertThat(result.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::transientFailure)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b@example.com", false),
                        org.assertj.core.groups.Tuple.tuple("c@example.com", true));
    }

    @Test
    void aFailedRetryOfDeferredRecipientsStillReturnsWhatWasAccepted() {
        RecordingProvider.Behaviour first = mixed(99);
        smtp.behaviour((message, attempt) -> {
            if (attempt == 1) {
                return first.respond(message, attempt);
            }
            throw new PermanentDeliveryException("554 transaction failed",
                    DeliveryException.Details.of().replyCode(554), null);
        });

        SendResult result = global().sendEmail(toThree());

        assertThat(result.accepted()).containsExactly("a@example.com");
        assertThat(result.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b@example.com", 550),
                        org.assertj.core.groups.Tuple.tuple("c@example.com", 554));
    }
}
