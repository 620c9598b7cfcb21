package dev.notify.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.junit.jupiter.api.Test;

/**
 * notify's DATA and BDAT encoding is byte for byte what Angus's transport sends: line ends made CR LF, dots
 * stuffed for DATA, one CR LF at the end, for content full of the bytes that matter.
 */
class MessageDataTest {

    private static final byte[] ALPHABET = {'.', '\r', '\n', 'a', ' ', '.', '\r', '\n', 'Z', (byte) 0xC3};

    @Test
    void dotStuffedEqualsAngusForTenThousandContents() throws IOException {
        Random random = new Random(20261130);
        for (int round = 0; round < 10_000; round++) {
            byte[] content = randomContent(random);

            assertThat(dotStuffed(content)).as("content %s", Arrays.toString(content))
                    .isEqualTo(angusData(content));
        }
    }

    @Test
    void chunkEqualsAngusLineEndsAndItsSizeIsExact() throws IOException {
        Random random = new Random(5321);
        for (int round = 0; round < 10_000; round++) {
            byte[] content = randomContent(random);
            byte[] chunk = chunk(content);

            assertThat(chunk).as("content %s", Arrays.toString(content)).isEqualTo(angusCrlf(content));
            assertThat(MessageData.chunkSize(content)).isEqualTo(chunk.length);
        }
    }

    @Test
    void largeContentGrowsTheBufferWithoutLosingBytes() throws IOException {
        byte[] content = ".line\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII);

        assertThat(dotStuffed(content)).isEqualTo(angusData(content));
    }

    @Test
    void linesThatCouldReadAsCommandsAreFound() {
        for (String content : new String[] {"Hello\r\nMAIL FROM:<a@evil.example>\r\n", "rcpt to:<b@x.example>",
                "x\n  \tRSET\r\n", "Hi\rQUIT", "DATA", "a\r\nbdat 5 LAST\r\n", "starttls\r\n"}) {
            assertThat(MessageData.mayReadAsCommands(bytes(content))).as(content).isTrue();
        }
    }

    @Test
    void ordinaryContentHasNoCommandLines() {
        for (String content : new String[] {"", "Dear Alice,\r\nMailbox full? Datagrams rset quitting\r\n",
                "Subject: Your ticket\r\n\r\nHello\r\n", "x MAIL FROM:<a@b>\r\n", "TVJTRVQ=\r\nUVVJVA==",
                "Noop.\r\n", "HELPFUL\r\n"}) {
            assertThat(MessageData.mayReadAsCommands(bytes(content))).as(content).isFalse();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomContent(Random random) {
        byte[] content = new byte[random.nextInt(40)];
        for (int i = 0; i < content.length; i++) {
            content[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return content;
    }

    private static byte[] dotStuffed(byte[] content) {
        CommandWriter out = writer();
        MessageData.dotStuffed(content, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    private static byte[] chunk(byte[] content) {
        CommandWriter out = writer();
        MessageData.chunk(content, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    private static CommandWriter writer() {
        return new CommandWriter(new Socket(), OutputStream.nullOutputStream(), new WriteDeadlines(Duration.ofSeconds(1)),
                Duration.ofSeconds(1));
    }

    private static byte[] angusData(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SMTPOutputStream data = new SMTPOutputStream(bytes);
        data.write(content);
        data.ensureAtBOL();
        data.flush();
        bytes.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    private static byte[] angusCrlf(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CRLFOutputStream crlf = new CRLFOutputStream(bytes);
        crlf.write(content);
        if (content.length > 0 && content[content.length - 1] != '\r' && content[content.length - 1] != '\n') {
            crlf.write(new byte[] {'\r', '\n'});
        }
        crlf.flush();
        return bytes.toByteArray();
    }
}
