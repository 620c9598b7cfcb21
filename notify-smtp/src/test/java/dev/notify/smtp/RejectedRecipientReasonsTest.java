package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notifier;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a notifier reports for each recipient it gave up on: that recipient's own reply, however many there were. */
class RejectedRecipientReasonsTest {

    @Test
    void recipientsStillDeferredAfterTheLastAttemptEachKeepTheirOwnReplyNotTheWholeList() {
        List<String> greylisted = IntStream.rangeClosed(1, 300).mapToObj(i -> "user" + i + "@notify.example").toList();
        SmtpFault fault = SmtpFault.rcpt(greylisted.toArray(String[]::new)).reply(451, "4.7.1 greylisted, try later");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start();
                Notifier notifier = Notifier.builder()
                        .settings(Settings.of(Layer.builder(smtp.layer())
                                .set("email.retry.max-attempts", "2")
                                .set("email.retry.initial-delay", "10ms")
                                .build()))
                        .provider(new SmtpSenderProvider()).discoverProviders(false).build()) {
            EmailMessage message = EmailMessage.builder().to("alice@notify.example")
                    .bcc(greylisted.toArray(String[]::new)).subject("Maintenance").text("Hello").build();

            SendResult result = notifier.global().sendEmail(message);

            assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.accepted()).containsExactly("alice@notify.example");
            assertThat(result.rejected()).hasSize(300).allSatisfy(r -> {
                assertThat(r.replyCode()).isEqualTo(451);
                assertThat(r.reason()).isEqualTo("4.7.1 greylisted, try later");
                assertThat(r.transientFailure()).isTrue();
            });
        }
    }
}
