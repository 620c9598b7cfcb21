package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GreenMail with {@link SmtpServerExtension#withGreenMailPipelining()}, seen from a raw socket. */
class GreenMailPipeliningTest {

    @Test
    void greenMailOffersPipeliningOnlyWhenAsked() throws IOException {
        try (SmtpServerExtension pipelining = SmtpServerExtension.plain().withGreenMailPipelining().start();
                SmtpServerExtension plain = SmtpServerExtension.plain().start();
                SmtpDialogue client = new SmtpDialogue(pipelining.host(), pipelining.port())) {

            String greeting = client.reply();
            List<String> offered = SmtpDialogue.ehloKeywords(pipelining);
            List<String> notOffered = SmtpDialogue.ehloKeywords(plain);

            assertThat(greeting).contains("GreenMail");
            assertThat(offered).hasSize(2).first().isEqualTo("PIPELINING");
            assertThat(offered.get(1)).startsWith("AUTH ");
            assertThat(notOffered).noneMatch(keyword -> keyword.equals("PIPELINING"));
        }
    }

    @Test
    void greenMailAnswersAPipelinedGroupInOrderAndRecordsItsMessage() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withGreenMailPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            client.pipeline("MAIL FROM:<app@notify.example>", "RCPT TO:<zoe@notify.example>",
                    "RCPT TO:<audit@notify.example>", "DATA");
            List<String> group = client.replies(4);
            String queued = client.send("Subject: grouped\r\nTo: zoe@notify.example\r\n\r\nhello\r\n.");

            assertThat(group).containsExactly("250 OK", "250 OK", "250 OK",
                    "354 Start mail input; end with <CRLF>.<CRLF>");
            assertThat(queued).isEqualTo("250 OK");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).bcc()).extracting(Object::toString)
                    .containsExactly("audit@notify.example");
        }
    }

    @Test
    void greenMailOverSmtpsOffersPipeliningAndAnswersAGroup() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.implicitTls().withUser("app", "pw")
                .withGreenMailPipelining().start();
                SmtpDialogue client = new SmtpDialogue(smtp.certificate().orElseThrow().clientSocketFactory()
                        .createSocket(smtp.host(), smtp.port()))) {
            client.reply();

            String ehlo = client.send("EHLO client.test");
            client.pipeline("RSET", "MAIL FROM:<app@notify.example>", "RCPT TO:<zoe@notify.example>", "DATA");
            List<String> group = client.replies(4);
            String queued = client.send("Subject: over smtps\r\n\r\nx\r\n.");

            assertThat(ehlo).contains("250-PIPELINING").contains("AUTH");
            assertThat(group).containsExactly("250 OK", "250 OK", "250 OK",
                    "354 Start mail input; end with <CRLF>.<CRLF>");
            assertThat(queued).isEqualTo("250 OK");
            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5)).get(0).subject()).isEqualTo("over smtps");
        }
    }

    @Test
    void greenMailPipeliningIsRefusedWhereAnotherServerWouldRun() {
        assertThatThrownBy(() -> SmtpServerExtension.startTls().withGreenMailPipelining())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SubEthaSMTP").hasMessageContaining("withPipelining()");
        assertThatThrownBy(() -> SmtpServerExtension.plain().withGreenMailPipelining()
                .withFault(SmtpFault.mail().reply(451, "4.3.0 later")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("faults");
        assertThatThrownBy(() -> SmtpServerExtension.plain().withChunking().withGreenMailPipelining())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withChunking()");
    }

    @Test
    void extensionsDescribeWhichServerTheyRun() {
        assertThat(SmtpServerExtension.plain().withGreenMailPipelining())
                .hasToString("SmtpServerExtension[none, GreenMail with PIPELINING, stopped]");
        assertThat(SmtpServerExtension.implicitTls().withPipelining().withChunking())
                .hasToString("SmtpServerExtension[implicit, pipelining, chunking, stopped]");
    }
}
