package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.PermanentDeliveryException;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.smtp.SmtpPipelining;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.spi.SendOutcome;
import dev.notify.testkit.smtp.SmtpFault;
import dev.notify.testkit.smtp.SmtpServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several queued messages handed to the sender at once ({@code sendQueued(List)}): one connection, one pipelined
 * group when the server offers PIPELINING and CHUNKING, and an outcome of its own for each message whatever
 * happens to the others.
 */
class BatchSendTest {

    private static List<EmailMessage> messages(int count) {
        List<EmailMessage> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(EmailMessage.builder().from("Portal <portal@notify.example>").to("m" + i + "@notify.example")
                    .subject("Message " + i).text("Hello " + i).messageId("<batch-" + i + "@notify.example>").build());
        }
        return messages;
    }

    private static SmtpSender sender(ScriptedSmtpServer server) {
        return TestSettings.sender(TestSettings.scripted(server.port()).build());
    }

    @Test
    void aBatchGoesOutAsOneGroupOnOneConnection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .holdRepliesForMessages(5);
                SmtpSender sender = sender(server)) {
            List<SendOutcome> outcomes = sender.sendQueued(messages(5));

            assertThat(outcomes).hasSize(5).allSatisfy(o -> assertThat(o).isInstanceOf(SendOutcome.Delivered.class));
            assertThat(outcomes).extracting(o -> o.get().messageId())
                    .containsExactly("<batch-1@notify.example>", "<batch-2@notify.example>", "<batch-3@notify.example>",
                            "<batch-4@notify.example>", "<batch-5@notify.example>");
            assertThat(server.received()).extracting(ScriptedSmtpServer.Received::recipients)
                    .containsExactly(List.of("m1@notify.example"), List.of("m2@notify.example"),
                            List.of("m3@notify.example"), List.of("m4@notify.example"), List.of("m5@notify.example"));
            assertThat(server.received().get(2).content()).contains("Subject: Message 3").contains("Hello 3");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedMessageFailsAloneAndANestedTransactionNeverForms() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .refusesNestedMail().rcptReply("m2@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            List<SendOutcome> outcomes = sender.sendQueued(messages(3));

            assertThat(outcomes.get(0)).isInstanceOf(SendOutcome.Delivered.class);
            assertThatThrownBy(outcomes.get(1)::get).isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("m2@notify.example");
            assertThat(outcomes.get(2).get().accepted()).containsExactly("m3@notify.example");
            assertThat(server.received()).extracting(ScriptedSmtpServer.Received::recipients)
                    .containsExactly(List.of("m1@notify.example"), List.of("m3@notify.example"));
            assertThat(server.received().get(1).content()).contains("Hello 3");
            assertThat(server.commands()).containsSubsequence("RCPT TO:<m2@notify.example>", "RSET",
                    "MAIL FROM:<portal@notify.example>", "RCPT TO:<m3@notify.example>");
            assertThat(sender.sendQueued(messages(1))).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aMessageThatNeedsDataEndsItsGroupAndTheRestFollow() throws Exception {
        List<EmailMessage> messages = new ArrayList<>(messages(3));
        messages.set(1, messages.get(1).toBuilder().text("First line\nQUIT\nRSET\n").build());
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                SmtpSender sender = sender(server)) {
            List<SendOutcome> outcomes = sender.sendQueued(messages);

            assertThat(outcomes).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
            assertThat(server.commands()).filteredOn(c -> c.startsWith("BDAT") || c.equals("DATA"))
                    .hasSize(3).element(1).isEqualTo("DATA");
            assertThat(server.received().get(1).content()).contains("\r\nQUIT\r\nRSET\r\n");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void withoutPipeliningTheMessagesGoOneAfterAnotherOnOneConnection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer();
                SmtpSender sender = TestSettings.sender(TestSettings.scripted(server.port())
                        .set(SmtpSettingKeys.PIPELINING, SmtpPipelining.OFF).build())) {
            List<SendOutcome> outcomes = sender.sendQueued(messages(4));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
            assertThat(server.messages()).isEqualTo(4);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionDroppedInTheMiddleOfAGroupFailsEveryUnansweredMessageTransiently() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.rcpt("m3@notify.example").dropConnection().times(1)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            List<SendOutcome> outcomes = sender.sendQueued(messages(4));

            assertThat(outcomes).allSatisfy(o -> assertThatThrownBy(o::get)
                    .isInstanceOf(TransientDeliveryException.class));
            assertThat(smtp.messages()).extracting(EmailMessage::subject).containsExactly("Message 1", "Message 2");

            List<SendOutcome> again = sender.sendQueued(messages(4));
            assertThat(again).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
            assertThat(smtp.messages()).extracting(EmailMessage::messageId)
                    .filteredOn(id -> id.equals(java.util.Optional.of("<batch-1@notify.example>"))).hasSize(2);
            assertThat(smtp.connections()).isEqualTo(2);
        }
    }

    @Test
    void a421InTheMiddleEndsTheBatchWithTransientFailuresForTheRest() {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.rcpt("m2@notify.example").reply(421, "4.3.2 shutting down").times(1)).start();
                SmtpSender sender = TestSettings.sender(smtp.layer())) {
            List<SendOutcome> outcomes = sender.sendQueued(messages(3));

            assertThat(outcomes.get(0).get().accepted()).containsExactly("m1@notify.example");
            assertThatThrownBy(outcomes.get(1)::get).isInstanceOfSatisfying(TransientDeliveryException.class,
                    e -> assertThat(e.replyCode()).hasValue(421));
            assertThatThrownBy(outcomes.get(2)::get).isInstanceOf(TransientDeliveryException.class);
            assertThat(smtp.messages()).hasSize(1);
        }
    }

    @Test
    void aPooledConnectionTheServerDroppedIsReplacedBeforeTheBatch() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                SmtpSender sender = sender(server)) {
            sender.send(TestSettings.message());
            server.dropAllConnections();

            assertThat(sender.sendQueued(messages(3))).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
            assertThat(server.messages()).isEqualTo(4);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aMessageThatCannotBeBuiltFailsAloneBeforeAnythingIsSent() throws Exception {
        List<EmailMessage> messages = new ArrayList<>(messages(2));
        messages.add(0, EmailMessage.builder().to("m0@notify.example").subject("No sender").text("Hello")
                .messageId("<batch-0@notify.example>").build());
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                SmtpSender sender = sender(server)) {
            List<SendOutcome> outcomes = sender.sendQueued(messages);

            assertThat(outcomes.get(0)).isInstanceOf(SendOutcome.Failed.class);
            assertThat(outcomes.subList(1, 3)).allSatisfy(o -> assertThat(o.get().accepted()).hasSize(1));
        }
    }
}
