package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.PermanentDeliveryException;
import dev.notify.RejectedRecipient;
import dev.notify.TransientDeliveryException;
import dev.notify.message.EmailMessage;
import dev.notify.settings.Layer;
import dev.notify.smtp.SmtpPipelining;
import dev.notify.smtp.SmtpSettingKeys;
import dev.notify.spi.Delivery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipelined path against a scripted server that offers PIPELINING (and CHUNKING): what goes out as one
 * group, and that every refusal and fault in a group ends as it does without pipelining.
 */
class PipeliningTest {

    private static SmtpSender sender(ScriptedSmtpServer server) {
        return TestSettings.sender(TestSettings.scripted(server.port()).build());
    }

    private static SmtpSender sender(ScriptedSmtpServer server, SmtpPipelining pipelining) {
        Layer layer = TestSettings.scripted(server.port()).set(SmtpSettingKeys.PIPELINING, pipelining).build();
        return TestSettings.sender(layer);
    }

    @Test
    void mailEveryRcptAndDataGoOutAsOneGroup() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING").holdRepliesUntilData();
                SmtpSender sender = sender(server)) {
            Delivery delivery = sender.send(TestSettings.message("alice@notify.example", "bob@notify.example"));

            assertThat(delivery.accepted()).containsExactly("alice@notify.example", "bob@notify.example");
            assertThat(server.commands()).containsSubsequence("MAIL FROM:<portal@notify.example>",
                    "RCPT TO:<alice@notify.example>", "RCPT TO:<bob@notify.example>", "DATA");
            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.content()).contains("Subject: Your ticket"));
        }
    }

    @Test
    void withChunkingTheContentGoesInTheSameGroupAsBdatLast() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .holdRepliesUntilData();
                SmtpSender sender = sender(server)) {
            sender.send(TestSettings.message());

            assertThat(server.commands()).anyMatch(c -> c.matches("BDAT \\d+ LAST")).doesNotContain("DATA");
            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.recipients()).containsExactly("alice@notify.example"));
        }
    }

    @Test
    void dataAndBdatCarryTheSameBytesAndDotsAtLineStartsArriveIntact() throws Exception {
        EmailMessage dotted = EmailMessage.builder().from("Portal <portal@notify.example>")
                .to("alice@notify.example").subject("Dots").text(".hidden\n..two\nend.\n.")
                .messageId("<dots-1@notify.example>").build();
        try (ScriptedSmtpServer data = new ScriptedSmtpServer().offering("PIPELINING");
                ScriptedSmtpServer bdat = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                ScriptedSmtpServer lockstep = new ScriptedSmtpServer();
                SmtpSender viaData = sender(data);
                SmtpSender viaBdat = sender(bdat);
                SmtpSender viaAngus = sender(lockstep)) {
            viaData.send(dotted);
            viaBdat.send(dotted);
            viaAngus.send(dotted);

            String angus = withoutDate(lockstep.received().get(0).content());
            assertThat(withoutDate(data.received().get(0).content())).isEqualTo(angus);
            assertThat(withoutDate(bdat.received().get(0).content())).isEqualTo(angus);
            assertThat(angus).contains("\r\n.hidden\r\n..two\r\nend.\r\n.\r\n");
        }
    }

    @Test
    void aRecipientRefusedInAGroupIsReportedAndTheOthersGetTheMessage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING")
                .rcptReply("bob@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            Delivery delivery = sender.send(TestSettings.message("alice@notify.example", "bob@notify.example"));

            assertThat(delivery.accepted()).containsExactly("alice@notify.example");
            assertThat(delivery.rejected()).extracting(RejectedRecipient::address, RejectedRecipient::replyCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@notify.example", 550));
            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.recipients()).containsExactly("alice@notify.example"));
        }
    }

    @Test
    void aRefusedMailIsPermanentAndTheGroupIsReadToTheEndThenReset() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING")
                .failNextMail("550 5.7.1 Sender rejected");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("refused the message").hasMessageContaining("5.7.1 Sender rejected");

            assertThat(server.commands()).containsSubsequence("MAIL FROM:<portal@notify.example>",
                    "RCPT TO:<alice@notify.example>", "DATA", "RSET");
            assertThat(sender.send(TestSettings.message()).accepted()).containsExactly("alice@notify.example");
        }
    }

    @Test
    void aServerThatTakesRecipientsAndDataAfterRefusingMailIsCutOffNotGivenAnEmptyMessage() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING").forgetsRefusedMail()
                .failNextMail("550 5.7.1 Sender rejected");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(PermanentDeliveryException.class);
            Delivery next = sender.send(TestSettings.message("bob@notify.example"));

            assertThat(next.accepted()).containsExactly("bob@notify.example");
            assertThat(server.received()).extracting(ScriptedSmtpServer.Received::recipients)
                    .containsExactly(List.of("bob@notify.example"));
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void everyRecipientRefusedButDataAcceptedEndsWithASingleDot() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING")
                .rcptReply("alice@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("refused every recipient");

            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.content()).isEmpty();
                assertThat(r.recipients()).isEmpty();
            });
            assertThat(server.commands()).containsSubsequence("DATA", "RSET").doesNotContain("MAIL FROM:<>");
        }
    }

    @Test
    void everyRecipientRefusedWithChunkingConsumesTheChunkAndStaysInStep() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .rcptReply("bob@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message("bob@notify.example")))
                    .isInstanceOf(PermanentDeliveryException.class);
            assertThat(sender.send(TestSettings.message()).accepted()).containsExactly("alice@notify.example");

            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.recipients()).containsExactly("alice@notify.example"));
        }
    }

    @Test
    void contentThatCouldReadAsCommandsWaitsForDataEvenWhenTheServerOffersChunking() throws Exception {
        EmailMessage smuggling = EmailMessage.builder().from("Portal <portal@notify.example>")
                .to("bob@notify.example").subject("Hi")
                .text("Hi\r\nRSET\r\nMAIL FROM:<ceo@notify.example>\r\nRCPT TO:<victim@notify.example>\r\nDATA\r\n")
                .messageId("<smuggle-1@notify.example>").build();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .leavesRefusedChunkUnread().rcptReply("bob@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(smuggling)).isInstanceOf(PermanentDeliveryException.class);

            assertThat(server.commands()).noneMatch(c -> c.contains("ceo@") || c.contains("victim@"))
                    .noneMatch(c -> c.startsWith("BDAT"));
        }
    }

    @Test
    void aServerThatRunsARefusedChunkAsCommandsIsCutOff() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING")
                .leavesRefusedChunkUnread().rcptReply("bob@notify.example", "550 5.1.1 No such user");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message("bob@notify.example")))
                    .isInstanceOf(PermanentDeliveryException.class);
            sender.send(TestSettings.message());

            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.received()).singleElement()
                    .satisfies(r -> assertThat(r.recipients()).containsExactly("alice@notify.example"));
        }
    }

    @Test
    void aReplyOutOfStepFailsTheSendAndItsConnectionIsNotUsedAgain() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING")
                .replyToEveryRcpt("354 Go ahead");
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("out of step");
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class);

            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aPooledConnectionDroppedMidGroupIsReopenedAndTheMessageSentOnce() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                SmtpSender sender = sender(server)) {
            sender.send(TestSettings.message());
            server.dropAfterMail(1);

            Delivery second = sender.send(TestSettings.message("bob@notify.example"));

            assertThat(second.accepted()).containsExactly("bob@notify.example");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.received()).extracting(ScriptedSmtpServer.Received::recipients)
                    .containsExactly(List.of("alice@notify.example"), List.of("bob@notify.example"));
        }
    }

    @Test
    void aFreshConnectionDroppedMidGroupIsATransientFailure() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING").dropAfterMail(1);
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void pipeliningOffWaitsForEachReplyEvenWhenTheServerOffersIt() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().offering("PIPELINING").holdRepliesUntilData();
                SmtpSender sender = sender(server, SmtpPipelining.OFF)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("no reply within");
            assertThat(server.commands()).contains("MAIL FROM:<portal@notify.example>")
                    .noneMatch(c -> c.startsWith("RCPT"));
        }
    }

    @Test
    void aServerWithoutPipeliningGetsOneCommandAtATime() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer().holdRepliesUntilData();
                SmtpSender sender = sender(server)) {
            assertThatThrownBy(() -> sender.send(TestSettings.message()))
                    .isInstanceOf(TransientDeliveryException.class)
                    .hasMessageContaining("no reply within");
            assertThat(server.commands()).noneMatch(c -> c.startsWith("RCPT"));
        }
    }

    @Test
    void theCheckSaysWhetherAndHowTheConnectionPipelines() throws Exception {
        try (ScriptedSmtpServer chunking = new ScriptedSmtpServer().offering("PIPELINING", "CHUNKING");
                ScriptedSmtpServer pipelining = new ScriptedSmtpServer().offering("PIPELINING");
                ScriptedSmtpServer neither = new ScriptedSmtpServer();
                SmtpSender bdat = sender(chunking);
                SmtpSender data = sender(pipelining);
                SmtpSender lockstep = sender(neither);
                SmtpSender off = sender(chunking, SmtpPipelining.OFF)) {
            assertThat(bdat.check().item("pipelining")).contains("on, content as BDAT (CHUNKING offered)");
            assertThat(data.check().item("pipelining")).contains("on, content after DATA");
            assertThat(lockstep.check().item("pipelining"))
                    .contains("not offered by the server: one command at a time");
            assertThat(off.check().item("pipelining")).contains("off (email.smtp.pipelining)");
        }
    }

    private static String withoutDate(String content) {
        return content.replaceAll("(?m)^Date: .*\r\n", "");
    }
}
