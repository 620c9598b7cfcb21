package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.notify.Notifier;
import dev.notify.RejectedRecipient;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Settings;
import dev.notify.smtp.SmtpSenderProvider;
import dev.notify.spi.Delivery;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A server that takes a limited number of recipients per transaction and answers {@code 452} to the rest
 * (RFC 5321 4.5.3.1.10): one send delivers to all of them in as many transactions as needed.
 */
class TooManyRecipientsTest {

    private static final List<String> THOUSAND = IntStream.rangeClosed(1, 1000)
            .mapToObj(i -> "user" + i + "@notify.example").toList();

    private static EmailMessage toEveryone(List<String> recipients) {
        return EmailMessage.builder()
                .from("Portal <portal@notify.example>")
                .bcc(recipients.toArray(String[]::new))
                .subject("Maintenance tonight")
                .text("Hello")
                .messageId("<maintenance-1@notify.example>")
                .build();
    }

    @Test
    void thousandRecipientsAtAHundredPerTransactionAllGetTheMessageInOneSendOverOneConnection() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(SmtpFault.recipientLimit(100)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            Delivery delivery = sender.send(toEveryone(THOUSAND));

            assertThat(delivery.accepted()).containsExactlyElementsOf(THOUSAND);
            assertThat(delivery.rejected()).isEmpty();
            List<EmailMessage> received = smtp.messages();
            assertThat(received).hasSize(10).allSatisfy(m -> {
                assertThat(m.bcc()).hasSize(100);
                assertThat(m.messageId()).contains("<maintenance-1@notify.example>");
            });
            assertThat(received).flatExtracting(m -> m.bcc().stream().map(Object::toString).toList())
                    .containsExactlyElementsOf(THOUSAND);
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @Test
    void notifierDeliversToAllThousandInItsFirstAttempt() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(SmtpFault.recipientLimit(100)).start();
                Notifier notifier = Notifier.builder().settings(Settings.of(smtp.layer()))
                        .provider(new SmtpSenderProvider()).discoverProviders(false).build()) {
            SendResult result = notifier.global().sendEmail(toEveryone(THOUSAND));

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(result.accepted()).hasSize(1000);
            assertThat(result.rejected()).isEmpty();
        }
    }

    @Test
    void recipientDeferredWith452IsSentInANewTransactionRightAway() {
        SmtpFault busy = SmtpFault.rcpt("bob@notify.example").reply(452, "4.2.2 mailbox busy").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(busy).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            Delivery delivery = sender.send(toEveryone(List.of("alice@notify.example", "bob@notify.example")));

            assertThat(delivery.accepted()).containsExactly("alice@notify.example", "bob@notify.example");
            assertThat(delivery.rejected()).isEmpty();
            assertThat(smtp.messages()).extracting(m -> m.bcc().stream().map(Object::toString).toList())
                    .containsExactly(List.of("alice@notify.example"), List.of("bob@notify.example"));
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @Test
    void recipientRefusedWith452InAFreshTransactionIsDeferredWithItsOwnReply() {
        SmtpFault full = SmtpFault.rcpt("bob@notify.example").reply(452, "4.2.2 mailbox full");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(full).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            Delivery delivery = sender.send(toEveryone(List.of("alice@notify.example", "bob@notify.example")));

            assertThat(delivery.accepted()).containsExactly("alice@notify.example");
            assertThat(delivery.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode,
                    RejectedRecipient::reason, RejectedRecipient::transientFailure)
                    .containsExactly(tuple("bob@notify.example", 452, "4.2.2 mailbox full", true));
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void permanentRefusalsAreFinalAndOnlyThe452sGoInTheNextTransaction() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain()
                .withFault(SmtpFault.rcpt("b@notify.example").reply(550, "5.1.1 no such user"))
                .withFault(SmtpFault.recipientLimit(2)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            Delivery delivery = sender.send(toEveryone(List.of("a@notify.example", "b@notify.example",
                    "c@notify.example", "d@notify.example", "e@notify.example")));

            assertThat(delivery.accepted()).containsExactly("a@notify.example", "c@notify.example",
                    "d@notify.example", "e@notify.example");
            assertThat(delivery.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode)
                    .containsExactly(tuple("b@notify.example", 550));
            assertThat(smtp.messages()).extracting(m -> m.bcc().size()).containsExactly(2, 2);
        }
    }

    @Test
    void failureOfALaterTransactionIsReportedForItsRecipientsOnly() {
        SmtpFault firstMailAccepted = SmtpFault.mail().reply(250, "2.1.0 Ok").times(1);
        SmtpFault secondMailRefused = SmtpFault.mail().reply(451, "4.3.0 queue full").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain()
                .withFault(SmtpFault.recipientLimit(2))
                .withFault(firstMailAccepted)
                .withFault(secondMailRefused).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            Delivery delivery = sender.send(toEveryone(List.of("a@notify.example", "b@notify.example",
                    "c@notify.example")));

            assertThat(delivery.accepted()).containsExactly("a@notify.example", "b@notify.example");
            assertThat(delivery.rejected()).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("c@notify.example");
                assertThat(r.replyCode()).isEqualTo(451);
                assertThat(r.reason()).contains("4.3.0 queue full");
                assertThat(r.transientFailure()).isTrue();
            });
        }
    }
}
