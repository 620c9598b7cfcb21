package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test kit's own server with {@link SmtpServerExtension#withPipelining()}, seen from a raw socket. */
class PipeliningTest {

    private static final String MAIL = "MAIL FROM:<app@notify.example>";
    private static final String OK_MAIL = "250 2.1.0 Ok\r\n";
    private static final String OK_RCPT = "250 2.1.5 Ok\r\n";
    private static final String GO_AHEAD = "354 End data with <CR><LF>.<CR><LF>\r\n";

    @Test
    void ehloOffersPipeliningOnlyWhenAsked() throws IOException {
        try (SmtpServerExtension pipelining = SmtpServerExtension.plain().withPipelining().start();
                SmtpServerExtension faulty = SmtpServerExtension.plain()
                        .withFault(SmtpFault.rcpt("nobody@notify.example").reply(550, "5.1.1 unused")).start()) {

            List<String> offered = SmtpDialogue.ehloKeywords(pipelining);
            List<String> notOffered = SmtpDialogue.ehloKeywords(faulty);

            assertThat(offered).contains("PIPELINING").doesNotContain("CHUNKING");
            assertThat(notOffered).doesNotContain("PIPELINING");
        }
    }

    @Test
    void groupSentInOneWriteIsAnsweredInOrderInOneWrite() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>", "DATA");

            assertThat(client.nextRead()).isEqualTo(OK_MAIL + OK_RCPT + OK_RCPT + GO_AHEAD);
        }
    }

    @Test
    void messageOfAPipelinedGroupIsRecordedWithEveryAcceptedRecipient() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>", "DATA");
            client.replies(4);

            String queued = client.send("Subject: grouped\r\n\r\nhello\r\n.");

            assertThat(queued).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).bcc()).extracting(Object::toString)
                    .containsExactly("zoe@notify.example", "max@notify.example");
            assertThat(smtp.rawMessages()).containsExactly("Subject: grouped\r\n\r\nhello");
        }
    }

    @Test
    void heldRepliesAreWrittenWhenOnlyPartOfTheNextCommandHasArrived() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.writeBytes((MAIL + "\r\nRCPT TO:<zoe@notify.example>\r\nRCPT TO:<max@notify")
                    .getBytes(StandardCharsets.US_ASCII));
            String beforeTheRest = client.nextRead();
            client.writeBytes(".example>\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(beforeTheRest).isEqualTo(OK_MAIL + OK_RCPT);
            assertThat(client.reply()).isEqualTo("250 2.1.5 Ok");
        }
    }

    @Test
    void rcptFaultAnswersItsRecipientInTheMiddleOfAGroup() throws IOException {
        SmtpFault fault = SmtpFault.rcpt("max@notify.example").reply(550, "5.1.1 no such user");
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withFault(fault).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>",
                    "RCPT TO:<ann@notify.example>", "DATA");

            assertThat(client.nextRead())
                    .isEqualTo(OK_MAIL + OK_RCPT + "550 5.1.1 no such user\r\n" + OK_RCPT + GO_AHEAD);
        }
    }

    @Test
    void recipientLimitAnswers452ToTheRcptsOfAGroupBeyondIt() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.recipientLimit(1)).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>",
                    "RCPT TO:<ann@notify.example>", "DATA");

            String tooMany = "452 4.5.3 Too many recipients\r\n";
            assertThat(client.nextRead()).isEqualTo(OK_MAIL + OK_RCPT + tooMany + tooMany + GO_AHEAD);
        }
    }

    @Test
    void refusedMailInAGroupIsFollowedByRefusalsOfItsRcptsAndData() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.mail().reply(451, "4.3.0 try again").times(1)).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "DATA", "NOOP");

            assertThat(client.replies(4)).containsExactly("451 4.3.0 try again", "503 5.5.1 Need MAIL before RCPT",
                    "503 5.5.1 Need MAIL before DATA", "250 2.0.0 Ok");
        }
    }

    @Test
    void endOfDataFaultAnswersTheMessageOfAPipelinedGroup() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.endOfData().reply(451, "4.3.0 queue full")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "DATA");
            client.replies(3);

            String end = client.send("Subject: x\r\n\r\nx\r\n.");

            assertThat(end).isEqualTo("451 4.3.0 queue full");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void rsetAndTheNextTransactionInOneGroupAreAnsweredInOrder() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>");
            client.replies(2);

            client.pipeline("RSET", MAIL, "RCPT TO:<max@notify.example>", "DATA");

            assertThat(client.nextRead()).isEqualTo("250 2.0.0 Ok\r\n" + OK_MAIL + OK_RCPT + GO_AHEAD);
        }
    }
}
