package dev.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notifier;
import dev.notify.PermanentDeliveryException;
import dev.notify.SendResult;
import dev.notify.SendStatus;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.settings.Settings;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit's SMTP fault injection, observed through notify's own SMTP provider: each kind of fault reaches
 * the host as the failure (or the retry) it stands for.
 */
class SmtpFaultFixtureTest {

    private Notifier notifier;

    @AfterEach
    void closeNotifier() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private SendResult send(SmtpServerExtension smtp, EmailMessage message, String... settings) {
        Layer.Builder layer = Layer.builder(smtp.layer())
                .set("email.retry.max-attempts", "2")
                .set("email.retry.initial-delay", "10ms")
                .set("email.retry.max-delay", "50ms")
                .set("email.smtp.read-timeout", "5s");
        for (int i = 0; i < settings.length; i += 2) {
            layer.set(settings[i], settings[i + 1]);
        }
        notifier = Notifier.builder().settings(Settings.of(layer.build())).provider(new SmtpSenderProvider())
                .discoverProviders(false).build();
        return notifier.global().sendEmail(message);
    }

    private static EmailMessage message(String... to) {
        return EmailMessage.builder().to(to.length == 0 ? new String[] {"alice@notify.example"} : to)
                .subject("Fault").text("Hello").build();
    }

    @Test
    void refusedGreetingIsAPermanentFailureWithTheServersReply() {
        SmtpFault fault = SmtpFault.greeting().reply(554, "5.3.2 not accepting mail");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            assertThatThrownBy(() -> send(smtp, message()))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(554);
                        assertThat(e.getMessage()).contains("not accepting mail");
                    });
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @Test
    void greeting421OnceIsRetriedOnANewConnection() {
        SmtpFault fault = SmtpFault.greeting().reply(421, "4.3.2 try again later").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            SendResult result = send(smtp, message());

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(smtp.connections()).isEqualTo(2);
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void temporaryRefusalOfTheSenderIsRetried() {
        SmtpFault fault = SmtpFault.mail().reply(451, "4.3.0 try again later").times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            SendResult result = send(smtp, message());

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void refusedRecipientIsReportedAndTheOthersGetTheMessage() {
        SmtpFault fault = SmtpFault.rcpt("bob@notify.example").reply(550, "5.1.1 no such user");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            SendResult result = send(smtp, message("alice@notify.example", "bob@notify.example"));

            assertThat(result.status()).isEqualTo(SendStatus.PARTIALLY_ACCEPTED);
            assertThat(result.accepted()).containsExactly("alice@notify.example");
            assertThat(result.rejected()).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("bob@notify.example");
                assertThat(r.replyCode()).isEqualTo(550);
                assertThat(r.reason()).contains("no such user");
            });
            assertThat(smtp.messages()).singleElement()
                    .satisfies(m -> assertThat(m.to()).extracting(Object::toString).contains("bob@notify.example"));
        }
    }

    @Test
    void refusedDataCommandIsAPermanentFailure() {
        SmtpFault fault = SmtpFault.data().reply(554, "5.7.1 not today");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            assertThatThrownBy(() -> send(smtp, message()))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class,
                            e -> assertThat(e.replyCode()).hasValue(554));
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void refusalAfterTheContentIsAPermanentFailureAndNothingIsRecorded() {
        SmtpFault fault = SmtpFault.endOfData().reply(552, "5.3.4 message too big");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            assertThatThrownBy(() -> send(smtp, message()))
                    .isInstanceOfSatisfying(PermanentDeliveryException.class, e -> {
                        assertThat(e.replyCode()).hasValue(552);
                        assertThat(e.getMessage()).contains("message too big");
                    });
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void replyDelayedBeyondTheReadTimeoutIsANoReplyFailure() {
        SmtpFault fault = SmtpFault.endOfData().delay(Duration.ofSeconds(30));
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            assertThatThrownBy(() -> send(smtp, message(), "email.smtp.read-timeout", "300ms",
                    "email.retry.max-attempts", "1"))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("no reply within 300 ms");
        }
    }

    @Test
    void replyDelayedWithinTheReadTimeoutStillDelivers() {
        SmtpFault fault = SmtpFault.anyRcpt().delay(Duration.ofMillis(50));
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            SendResult result = send(smtp, message());

            assertThat(result.status()).isEqualTo(SendStatus.ACCEPTED);
            assertThat(result.attempts()).isEqualTo(1);
        }
    }

    @Test
    void connectionDroppedAfterMailFromIsTransientOnEveryAttempt() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(SmtpFault.mail().dropConnection())
                .start()) {
            assertThatThrownBy(() -> send(smtp, message()))
                    .isInstanceOfSatisfying(TransientDeliveryException.class,
                            e -> assertThat(e.attempts()).isEqualTo(2));
            assertThat(smtp.connections()).isEqualTo(2);
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void connectionDroppedAfterTheContentIsRetriedWithTheSameMessageId() {
        SmtpFault fault = SmtpFault.endOfData().dropConnection().times(1);
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withFault(fault).start()) {
            SendResult result = send(smtp, message());

            assertThat(result.attempts()).isEqualTo(2);
            assertThat(smtp.messages()).singleElement()
                    .satisfies(m -> assertThat(m.messageId()).isEqualTo(result.messageId()));
        }
    }
}
