package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test kit's own server with {@link SmtpServerExtension#withChunking()}, seen from a raw socket. */
class ChunkingTest {

    private static final String MESSAGE = "Subject: chunked\r\nTo: zoe@notify.example\r\n\r\n.hello\r\n";
    private static final String MAIL = "MAIL FROM:<app@notify.example>";
    private static final String RCPT = "RCPT TO:<zoe@notify.example>";

    @Test
    void ehloOffersChunkingOnlyWhenAsked() throws IOException {
        try (SmtpServerExtension chunking = SmtpServerExtension.plain().withChunking().start();
                SmtpServerExtension pipelining = SmtpServerExtension.plain().withPipelining().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(pipelining)) {

            List<String> offered = SmtpDialogue.ehloKeywords(chunking);
            List<String> notOffered = SmtpDialogue.ehloKeywords(pipelining);

            assertThat(offered).contains("CHUNKING").doesNotContain("PIPELINING");
            assertThat(notOffered).doesNotContain("CHUNKING");
            assertThat(client.send("BDAT 0 LAST")).isEqualTo("500 5.5.2 Command not recognized");
        }
    }

    @Test
    void messageInOneLastChunkIsRecordedAsTheSameMessageSentWithData() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example", "audit@notify.example");
            client.bdat(MESSAGE, true);
            String chunked = client.reply();
            client.mailTo("zoe@notify.example", "audit@notify.example");
            String data = client.content("Subject: chunked", "To: zoe@notify.example", "", "..hello");

            assertThat(chunked).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(data).isEqualTo(chunked);
            assertThat(smtp.rawMessages()).containsExactly(MESSAGE.strip(), MESSAGE.strip());
            assertThat(smtp.awaitMessages(2, Duration.ofSeconds(5))).allSatisfy(m -> {
                assertThat(m.text()).contains(".hello");
                assertThat(m.bcc()).extracting(Object::toString).containsExactly("audit@notify.example");
            });
        }
    }

    @Test
    void twoChunksAreEachAnsweredAndRecordedAsOneMessage() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            client.bdat(MESSAGE.substring(0, 10), false);
            String first = client.reply();
            client.bdat(MESSAGE.substring(10), true);
            String last = client.reply();

            assertThat(first).isEqualTo("250 2.0.0 Ok: 10 octets");
            assertThat(last).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.rawMessages()).containsExactly(MESSAGE.strip());
        }
    }

    @Test
    void emptyLastChunkEndsAMessageSentInChunks() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");
            client.bdat(MESSAGE, false);
            client.reply();

            String end = client.send("BDAT 0 LAST");

            assertThat(end).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.rawMessages()).containsExactly(MESSAGE.strip());
        }
    }

    @Test
    void chunkOctetsAreTakenAsTheyAreNotAsCommandsOrAnEndOfData() throws IOException {
        String octets = "Subject: tricky\r\n\r\n..two dots\r\n.\r\nQUIT\r\n\u0000\u00ff";
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            client.bdat(octets, true);

            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(client.send("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(smtp.rawMessages()).containsExactly(octets);
        }
    }

    @Test
    void chunkAfterARefusedMailIsReadAndRefusedKeepingTheConnectionInStep() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking()
                .withFault(SmtpFault.mail().reply(550, "5.7.1 sender refused").times(1)).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            String mail = client.send("MAIL FROM:<app@notify.example>");

            client.bdat("RSET\r\nNOOP\r\n", true);

            assertThat(mail).startsWith("550");
            assertThat(client.reply()).isEqualTo("503 5.5.1 Need MAIL before BDAT");
            assertThat(client.send("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.mailTo("zoe@notify.example")).containsExactly("250 2.1.5 Ok");
        }
    }

    @Test
    void pipelinedChunksWithoutAnAcceptedRecipientAreReadAndRefused() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.anyRcpt().reply(550, "5.1.1 no such user")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            byte[] noop = SmtpDialogue.lines("NOOP");

            client.writeBytes(SmtpDialogue.lines(MAIL, "RCPT TO:<bob@notify.example>"),
                    SmtpDialogue.bdatBytes(noop, false), SmtpDialogue.bdatBytes(noop, true), noop);

            assertThat(client.replies(5)).containsExactly("250 2.1.0 Ok", "550 5.1.1 no such user",
                    "554 5.5.1 No valid recipients", "503 5.5.1 Need MAIL before BDAT", "250 2.0.0 Ok");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void transactionWithALastChunkInOneWriteIsAnsweredInOneWrite() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.writeBytes(SmtpDialogue.lines(MAIL, RCPT), SmtpDialogue.bdatBytes(ascii(MESSAGE), true));

            assertThat(client.nextRead()).isEqualTo("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.0.0 Ok: queued\r\n");
            assertThat(smtp.rawMessages()).containsExactly(MESSAGE.strip());
        }
    }

    @Test
    void rsetDiscardsTheChunksReceived() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");
            client.bdat("Subject: discarded\r\n", false);
            client.reply();

            String rset = client.send("RSET");
            client.mailTo("zoe@notify.example");
            client.bdat(MESSAGE, true);

            assertThat(rset).isEqualTo("250 2.0.0 Ok");
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.rawMessages()).containsExactly(MESSAGE.strip());
        }
    }

    @Test
    void endOfDataFaultRefusesTheLastChunkAndRecordsNothing() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking()
                .withFault(SmtpFault.endOfData().reply(451, "4.3.0 queue full")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            client.bdat(MESSAGE, true);

            assertThat(client.reply()).isEqualTo("451 4.3.0 queue full");
            assertThat(client.send("BDAT 0 LAST")).isEqualTo("503 5.5.1 Need MAIL before BDAT");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void dataAfterAChunkAndMalformedBdatAreRefused() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withChunking().start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");
            client.bdat("Subject: x\r\n", false);
            client.reply();

            String data = client.send("DATA");
            String noSize = client.send("BDAT LAST");
            String notLast = client.send("BDAT 0 FIRST");

            assertThat(data).isEqualTo("503 5.5.1 DATA after BDAT in one transaction");
            assertThat(noSize).isEqualTo("501 5.5.4 Syntax: BDAT <size> [LAST]");
            assertThat(notLast).isEqualTo("501 5.5.4 Syntax: BDAT <size> [LAST]");
        }
    }

    @Test
    void refusedChunkEndsTheTransactionAndItsFurtherPipelinedChunksAreReadAndRefused() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining().withChunking()
                .withFault(SmtpFault.chunk().reply(452, "4.3.1 out of storage")).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.writeBytes(SmtpDialogue.lines(MAIL, RCPT),
                    SmtpDialogue.bdatBytes(ascii(MESSAGE.substring(0, 10)), false),
                    SmtpDialogue.bdatBytes(ascii(MESSAGE.substring(10)), true), SmtpDialogue.lines("NOOP"));

            assertThat(client.replies(5)).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "452 4.3.1 out of storage",
                    "503 5.5.1 Need MAIL before BDAT", "250 2.0.0 Ok");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
