package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Faults in the middle of a pipelined group: a hang-up, a 421, a numbered RCPT, a reply that makes no sense. */
class PipelinedGroupFaultsTest {

    private static final String MAIL = "MAIL FROM:<app@notify.example>";

    @Test
    void dropAtMailClosesTheConnectionWithoutAnyReplyToTheGroup() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.mail().dropConnection()).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "DATA");

            assertThat(client.reply()).isNull();
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void dropAtTheSecondRcptLosesTheRepliesHeldForTheGroup() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.nthRcpt(2).dropConnection()).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>",
                    "RCPT TO:<ann@notify.example>", "DATA");

            assertThat(client.reply()).isNull();
        }
    }

    @Test
    void reply421AtTheSecondRcptWritesTheHeldRepliesFirstThenCloses() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.nthRcpt(2).reply(421, "4.3.2 shutting down")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "RCPT TO:<max@notify.example>",
                    "RCPT TO:<ann@notify.example>", "DATA");

            assertThat(client.replies(4)).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok",
                    "421 4.3.2 shutting down");
            assertThat(smtp.connections()).isEqualTo(1);
        }
    }

    @Test
    void nthRcptCountsRefusedRecipientsAndStartsOverWithEachTransaction() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.rcpt("bob@notify.example").reply(550, "5.1.1 no such user"))
                .withFault(SmtpFault.nthRcpt(2).reply(450, "4.2.1 try later")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<bob@notify.example>", "RCPT TO:<zoe@notify.example>",
                    "RCPT TO:<max@notify.example>", "RSET", MAIL, "RCPT TO:<zoe@notify.example>",
                    "RCPT TO:<max@notify.example>");

            assertThat(client.replies(8)).containsExactly("250 2.1.0 Ok", "550 5.1.1 no such user",
                    "450 4.2.1 try later", "250 2.1.5 Ok", "250 2.0.0 Ok", "250 2.1.0 Ok", "250 2.1.5 Ok",
                    "450 4.2.1 try later");
        }
    }

    @Test
    void replyThatMakesNoSenseForItsCommandIsSentAndTheServerGoesOnAsAfterARefusal() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.anyRcpt().reply(354, "go ahead")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline(MAIL, "RCPT TO:<zoe@notify.example>", "DATA", "NOOP");

            assertThat(client.replies(4)).containsExactly("250 2.1.0 Ok", "354 go ahead",
                    "554 5.5.1 No valid recipients", "250 2.0.0 Ok");
            assertThat(smtp.messages()).isEmpty();
        }
    }
}
