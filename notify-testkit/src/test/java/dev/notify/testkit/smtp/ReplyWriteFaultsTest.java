package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The faults that shape how the test kit's own server writes its replies: slow, in pieces, coalesced. Where the
 * server waits, a test-controlled {@link Pause} stands in for the clock.
 */
class ReplyWriteFaultsTest {

    private static final ServiceExtensions PIPELINING = new ServiceExtensions(true, false);
    private static final String MAIL = "MAIL FROM:<app@notify.example>";
    private static final String RCPT = "RCPT TO:<zoe@notify.example>";

    @Test
    void slowRepliesPauseBeforeEveryWriteAndAGroupStaysOneWrite() throws Exception {
        RecordedPauses pauses = new RecordedPauses();
        Duration delay = Duration.ofMillis(250);
        try (ScriptedServer server = new ScriptedServer(PIPELINING, pauses, SmtpFault.slowReplies(delay));
                SmtpDialogue client = server.connect()) {
            client.reply();
            client.send("EHLO client.test");

            client.pipeline(MAIL, RCPT, "DATA");
            String group = client.nextRead();

            assertThat(group).isEqualTo("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n");
            assertThat(pauses.pauses()).containsExactlyElementsOf(Collections.nCopies(3, delay));
        }
    }

    @Test
    void slowRepliesReachAClientThatWaitsForThem() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain()
                .withFault(SmtpFault.slowReplies(Duration.ofMillis(20))).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {
            client.mailTo("zoe@notify.example");

            String queued = client.content("Subject: slow", "", "x");

            assertThat(queued).isEqualTo("250 2.0.0 Ok: queued");
            assertThat(smtp.rawMessages()).containsExactly("Subject: slow\r\n\r\nx");
        }
    }

    @Test
    void repliesInPiecesCutEveryReplyLineInTheMiddleAndPauseBeforeEachPiece() throws Exception {
        SteppedPause pause = new SteppedPause();
        try (ScriptedServer server = new ScriptedServer(PIPELINING, pause,
                SmtpFault.repliesInPieces(Duration.ofMillis(5)));
                SmtpDialogue client = server.connect()) {
            client.reply();
            client.send("EHLO client.test");
            pause.arm();

            client.pipeline(MAIL, RCPT);
            List<String> reads = new ArrayList<>();
            for (int piece = 0; piece < 3; piece++) {
                pause.resume();
                reads.add(client.nextRead());
            }

            assertThat(reads).containsExactly("250 2.", "1.0 Ok\r\n250 2.", "1.5 Ok\r\n");
        }
    }

    @Test
    void repliesInPiecesReachAClientThatPutsThemTogether() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.repliesInPieces(Duration.ofMillis(1))).start();
                SmtpDialogue client = new SmtpDialogue(smtp.host(), smtp.port())) {
            String greeting = client.reply();
            String ehlo = client.send("EHLO client.test");
            client.pipeline(MAIL, RCPT, "DATA");
            List<String> group = client.replies(3);

            assertThat(greeting).isEqualTo("220 localhost ESMTP notify test kit");
            assertThat(ehlo.lines()).hasSize(5).last().isEqualTo("250 PIPELINING");
            assertThat(group).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok",
                    "354 End data with <CR><LF>.<CR><LF>");
        }
    }

    @Test
    void coalescedRepliesAnswerCommandsSentAheadInOneWrite() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain()
                .withFault(SmtpFault.coalescedReplies(Duration.ofMinutes(1))).start();
                SmtpDialogue client = new SmtpDialogue(smtp.host(), smtp.port())) {
            client.reply();

            client.write("NOOP");
            client.write(MAIL);
            String read = client.nextRead();
            String quit = client.send("QUIT");

            assertThat(read).isEqualTo("250 2.0.0 Ok\r\n250 2.1.0 Ok\r\n");
            assertThat(quit).isEqualTo("221 2.0.0 Bye");
        }
    }

    @Test
    void coalescedRepliesReachAClientThatWaitsOnceTheWindowIsOver() throws IOException {
        try (SmtpServerExtension smtp = SmtpServerExtension.plain().withPipelining()
                .withFault(SmtpFault.coalescedReplies(Duration.ofMillis(20))).start();
                SmtpDialogue client = SmtpDialogue.afterEhlo(smtp)) {

            List<String> replies = client.mailTo("zoe@notify.example");
            String queued = client.content("Subject: held", "", "x");

            assertThat(replies).containsExactly("250 2.1.5 Ok");
            assertThat(queued).isEqualTo("250 2.0.0 Ok: queued");
        }
    }
}
