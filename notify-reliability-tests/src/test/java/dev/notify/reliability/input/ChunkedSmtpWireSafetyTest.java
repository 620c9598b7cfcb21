package dev.notify.reliability.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.message.EmailMessage;
import dev.notify.reliability.support.FaultySmtpServer;
import dev.notify.reliability.support.Transaction;
import org.junit.jupiter.api.Test;

/**
 * {@link SmtpWireSafetyTest} against a server that offers PIPELINING and CHUNKING: content goes as one
 * {@code BDAT <size> LAST} in the same group as MAIL and RCPT, counted rather than dot-stuffed, unless a line of
 * it could read as a command, which waits for DATA's 354 (the smuggling bodies of the inherited tests do).
 */
class ChunkedSmtpWireSafetyTest extends SmtpWireSafetyTest {

    @Override
    FaultySmtpServer offering(FaultySmtpServer plain) {
        return plain.offering("PIPELINING", "CHUNKING");
    }

    @Test
    void contentWithoutCommandLinesGoesAsOneCountedChunkWithLoneDotsIntact() throws Exception {
        EmailMessage message = EmailMessage.builder().to("alice@notify.example").subject("Chunked")
                .text("Hello\n.\r\n..\r\nend\r.").build();

        notifier().global().sendEmail(message);

        Transaction received = server().completeTransactions().get(0);
        assertThat(received.chunked()).isTrue();
        assertThat(server().commands()).anyMatch(c -> c.matches("BDAT " + received.rawData().length + " LAST"))
                .noneMatch(c -> c.startsWith("DATA"));
        assertThat(received.content()).contains("Hello\r\n.\r\n..\r\nend\r\n.");
    }
}
