package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.RejectedRecipient;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.spi.Delivery;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The pipelined path against GreenMail with PIPELINING offered (plain and SMTPS), and against the test kit's own
 * server answering slowly, in pieces split mid-line, with several groups' replies in one write, and dropping the
 * connection or answering 421 in the middle of a group.
 */
class PipeliningInteropTest {

    private static EmailMessage threeRecipients() {
        return TestSettings.message("alice@notify.example", "bob@notify.example", "carol@notify.example");
    }

    @Test
    void greenMailReadsPipelinedGroupsOverPlainSmtpAndSmtps() {
        for (Supplier<SmtpServerExtension> server : java.util.List.<Supplier<SmtpServerExtension>>of(
                () -> SmtpServerExtension.plain().withGreenMailPipelining(),
                () -> SmtpServerExtension.implicitTls().withUser("portal", "smtps-secret").withGreenMailPipelining())) {
            try (SmtpServerExtension smtp = server.get().start();
                    SmtpSender sender = TestSettings.sender(smtp.layer())) {
                for (int i = 0; i < 3; i++) {
                    Delivery delivery = sender.send(threeRecipients());
                    assertThat(delivery.accepted()).as(smtp.toString()).hasSize(3);
                }

                assertThat(sender.check().item("pipelining")).contains("on, content after DATA");
                assertThat(smtp.messages()).hasSize(3);
                assertThat(smtp.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void slowRepliesRepliesInPiecesAndCoalescedRepliesAreReadInOrder() {
        for (SmtpFault fault : java.util.List.of(SmtpFault.slowReplies(Duration.ofMillis(20)),
                SmtpFault.repliesInPieces(Duration.ofMillis(2)), SmtpFault.coalescedReplies(Duration.ofMillis(20)))) {
            try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                    .withFault(SmtpFault.nthRcpt(2).reply(550, "5.1.1 no such user")).withFault(fault).start();
                    SmtpSender sender = TestSettings.sender(smtp.layer())) {
                Delivery first = sender.send(threeRecipients());
                Delivery second = sender.send(threeRecipients());

                for (Delivery delivery : java.util.List.of(first, second)) {
                    assertThat(delivery.accepted()).as(fault.toString())
                            .containsExactly("alice@notify.example", "carol@notify.example");
                    assertThat(delivery.rejected()).extracting(RejectedRecipient::address)
                            .containsExactly("bob@notify.example");
                }
                assertThat(smtp.messages()).hasSize(2);
                assertThat(smtp.connections()).isEqualTo(1);
            }
        }
    }

    @Test
    void aConnectionDroppedInTheMiddleOfAGroupFailsTransientlyAndNothingIsDelivered() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.nthRcpt(2).dropConnection().times(1)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            assertThatThrownBy(() -> sender.send(threeRecipients())).isInstanceOf(TransientDeliveryException.class);

            assertThat(smtp.messages()).isEmpty();
            assertThat(sender.send(threeRecipients()).accepted()).hasSize(3);
            assertThat(smtp.connections()).isEqualTo(2);
        }
    }

    @Test
    void a421InTheMiddleOfAGroupIsTransientAndTheNextSendReconnects() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.nthRcpt(2).reply(421, "4.3.2 shutting down").times(1)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            assertThatThrownBy(() -> sender.send(threeRecipients())).isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("421");

            assertThat(sender.send(threeRecipients()).accepted()).hasSize(3);
            assertThat(smtp.messages()).hasSize(1);
            assertThat(smtp.connections()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedBdatIsReportedWithItsCodeAndTheNextMessageGoesOnTheSameConnection() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.endOfData().reply(451, "4.3.0 try later").times(1)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOfSatisfying(TransientDeliveryException.class,
                            e -> assertThat(e.replyCode()).hasValue(451));

            assertThat(sender.send(TestSettings.message()).accepted()).containsExactly("alice@notify.example");
            assertThat(smtp.messages()).hasSize(1);
        }
    }
}
